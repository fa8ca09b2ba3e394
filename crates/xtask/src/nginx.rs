//! The nginx configuration a release ships, written from that build's values:
//! each page's Content-Security-Policy is read from its built HTML (so the
//! header carries the hash of that build's loader script), and the caching,
//! MIME and security headers follow from how Trunk names the files.
//!
//! Two files: `trivsel-app.conf`, the locations the app needs, included inside
//! whichever `location` serves it (the site's root or a sub-path), and
//! `trivsel-site.conf`, a site of its own over HTTPS that includes it.
//!
//! A release's files and its policies belong together, so the site names one
//! release's directory for both, and switching releases is a reload of nginx:
//! every request before it gets the old release with the old policies, every
//! request after it the new with the new. (A symlink switched under a running
//! nginx would serve the new pages with the old policies until the reload, and a
//! tablet's service worker could keep such a page.)

use std::path::Path;

use crate::{html, Result};

/// The snippet's and the site file's names in the archive's `nginx/`.
pub const SNIPPET: &str = "trivsel-app.conf";
pub const SITE: &str = "trivsel-site.conf";

/// Where the guide unpacks releases: each in `trivsel-<version>/` here.
pub const RELEASES: &str = "/srv/trivsel/releases";

/// The site file's values an installation replaces: the test replaces them
/// too (with loopback ports, a self-signed certificate and where it unpacked
/// the release), and fails if one is missing, so the shipped file and the
/// guide stay in step.
pub const SITE_NAME: &str = "trivsel.example.dk";
pub const SITE_CERT: &str = "/etc/ssl/trivsel/fullchain.pem";
pub const SITE_KEY: &str = "/etc/ssl/trivsel/privkey.pem";
pub const SITE_LISTEN_HTTP: [&str; 2] = ["listen 80;", "listen [::]:80;"];
pub const SITE_LISTEN_HTTPS: [&str; 2] = ["listen 443 ssl http2;", "listen [::]:443 ssl http2;"];

/// The directory the guide unpacks release `version` into.
pub fn release_dir(version: &str) -> String {
    format!("{RELEASES}/trivsel-{version}")
}

/// What a browser must not let any page of the app do, beyond the CSP: be
/// framed, sniff a type, send a referrer, use a device feature it never needs.
/// HSTS is sent on every response: browsers ignore it over plain HTTP (RFC 6797,
/// section 8.1), and the app needs HTTPS anyway (a service worker needs a secure
/// context); it names no subdomains, so it binds only the app's own host name.
const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Strict-Transport-Security", "max-age=31536000"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    (
        "Permissions-Policy",
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), \
         hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()",
    ),
];

/// The worker's own policy (a service worker is governed by the CSP of its
/// script's response, not the page's): it only fetches the app's files.
const WORKER_CSP: &str = "default-src 'none'; connect-src 'self'";

/// Files Trunk names by a hash of their content (`app-720cc7cf0abda7f2.js`,
/// `app-720cc7cf0abda7f2_bg.wasm`, `styles-c4be3de839597c17.css`): a 64-bit hash
/// in hex without leading zeros, so up to 16 digits.
const HASHED: &str = r"-[0-9a-f]{1,16}(_bg\.wasm|\.js|\.css)$";

/// The counsellor's entry (`radgiver/entry.js`): a fixed name, written by the
/// build hook, that re-exports that build's hashed bundle; the tablet app's
/// page imports it once the PIN is right.
pub const COUNSELLOR_ENTRY: &str = r"/radgiver/entry\.js$";

/// The policies of the pages, read from the built HTML.
#[derive(Debug, PartialEq)]
pub struct Policies {
    pub app: String,
    /// The counsellor's screens' own page (`radgiver/index.html`), only their
    /// build's entry: the tablet app's page imports their bundle, under its own
    /// policy. `None` for a build from before they had a bundle of their own
    /// (the baseline).
    pub counsellor: Option<String>,
    pub export: String,
    pub evaluator: String,
}

impl Policies {
    /// Reads each page's CSP from `dist`'s `index.html`, `radgiver/index.html`
    /// (if the build has it), `eksport/index.html` and `evaluator/index.html`.
    pub fn read(dist: &Path) -> Result<Policies> {
        let read = |page: &str| -> Result<String> {
            let path = dist.join(page);
            let html = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            page_policy(&html).map_err(|e| format!("{}: {e}", path.display()))
        };
        let counsellor = "radgiver/index.html";
        Ok(Policies {
            app: read("index.html")?,
            counsellor: if dist.join(counsellor).exists() {
                Some(read(counsellor)?)
            } else {
                None
            },
            export: read("eksport/index.html")?,
            evaluator: read("evaluator/index.html")?,
        })
    }
}

/// The policy of one built page: its `<meta http-equiv="Content-Security-Policy">`,
/// which must allow its loader by hash and never `'unsafe-inline'`, plus
/// `frame-ancestors 'none'` (which only a header can carry).
pub fn page_policy(html: &str) -> Result<String> {
    let meta = html::tags(html, "meta")
        .into_iter()
        .find(|tag| {
            attribute(tag, "http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
        })
        .ok_or("no Content-Security-Policy meta tag")?;
    let policy = attribute(meta, "content").ok_or("the CSP meta tag has no content")?;
    let policy = policy.trim().trim_end_matches(';').trim();
    if !policy.contains("'sha256-") || policy.contains("TRUNK-LOADER") {
        return Err(format!("the CSP names no loader hash: {policy}"));
    }
    // Its own JS (on the tablet app's page, the counsellor's bundle it imports
    // too) and compiling wasm.
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("script-src "))
        .unwrap_or_default();
    for needed in ["'self'", "'wasm-unsafe-eval'"] {
        if !script_src.split_whitespace().any(|s| s == needed) {
            return Err(format!("the CSP's script-src lacks {needed}: {policy}"));
        }
    }
    if policy.contains("'unsafe-inline'") || policy.contains("'unsafe-eval'") {
        return Err(format!("the CSP allows unsafe code: {policy}"));
    }
    if policy.contains(['"', '$', '\\']) {
        return Err(format!(
            "the CSP holds a character nginx would read: {policy}"
        ));
    }
    Ok(format!("{policy}; frame-ancestors 'none'"))
}

/// The value of attribute `name` in one tag, quoted or not, with the few
/// entities a minifier writes decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let (_, value) = html::attributes(tag)
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))?;
    Some(
        value
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    )
}

/// `add_header` lines for every response of a location: nginx sends only the
/// `add_header` lines of the innermost level that has any, so each location
/// carries the whole set.
fn headers(indent: &str, own: &[(&str, &str)]) -> String {
    own.iter()
        .chain(SECURITY_HEADERS)
        .map(|(name, value)| format!("{indent}add_header {name} \"{value}\" always;\n"))
        .collect()
}

/// A response that the browser checks with the server on every use.
const NO_CACHE: (&str, &str) = ("Cache-Control", "no-cache");

/// `trivsel-app.conf`: everything the app needs from nginx, for one build.
pub fn snippet(version: &str, policies: &Policies) -> String {
    let mut out = preamble(version);
    out.push_str(&locations(policies));
    out
}

/// The snippet's head: how to include it, and the settings of every response.
fn preamble(version: &str) -> String {
    format!(
        "\
# trivsel {version}: what the app needs from nginx. Written by `cargo xtask release`
# from this build: each page's Content-Security-Policy carries the hash of that
# page's loader script, so a new release comes with a new copy of this file.
#
# Include it, from this release's directory, inside the location that serves
# this release's app/ directory (the app's links are relative, so any path works).
# On a site of its own (see {SITE}):
#
#   root {release}/app;
#   location / {{ include {release}/nginx/{SNIPPET}; }}
#
# Or under a sub-path of another site:
#
#   location /trivsel/ {{
#       alias {release}/app/;
#       include {release}/nginx/{SNIPPET};
#   }}
#
# Switching to another release is changing both paths and reloading nginx.
#
# The app's origin (scheme, host and port) should be its own: IndexedDB, where the
# tablet keeps its responses, and the service worker belong to an origin, so any
# other app on it could read them. See the deployment guide (docs/).

# Exactly the types the app's files have: wasm must be application/wasm for the
# browser to compile it while it downloads.
types {{
    text/html html;
    text/css css;
    text/javascript js;
    application/wasm wasm;
    application/manifest+json webmanifest;
    image/png png;
}}
default_type application/octet-stream;
charset utf-8;
charset_types text/css text/javascript application/manifest+json;
gzip on;
gzip_vary on;
gzip_types text/css text/javascript application/wasm application/manifest+json;
server_tokens off;
# A redirect (a directory without its \"/\") names no scheme or host, so it is right
# behind a proxy that ends TLS.
absolute_redirect off;

# Anything below that has no location of its own (the manifest, the icons,
# wasm-bindgen's snippets): checked with the server on every use.
{}
# Pages and the service worker are never cached: a new release is seen at the
# next load, and the service worker offers it to the counsellor (never in the
# middle of a questionnaire).

",
        headers("", &[NO_CACHE]),
        release = release_dir(version),
    )
}

/// A location for each page (its own policy), the counsellor's entry, the
/// service worker and the hashed files.
fn locations(policies: &Policies) -> String {
    let page = |name: &str, pattern: &str, csp: &str| {
        format!(
            "# {name}\nlocation ~ \"{pattern}\" {{\n{}}}\n\n",
            headers("    ", &[NO_CACHE, ("Content-Security-Policy", csp)])
        )
    };
    let mut out = page(
        "The evaluator's page.",
        r"/evaluator/(index\.html)?$",
        &policies.evaluator,
    );
    out.push_str(&page(
        "The counsellor's export page.",
        r"/eksport/(index\.html)?$",
        &policies.export,
    ));
    if let Some(counsellor) = &policies.counsellor {
        out.push_str(&page(
            "The counsellor's screens' own page: only their build's entry. The tablet\n\
             # app's page imports their bundle (radgiver/entry.js), under its own policy.",
            r"/radgiver/(index\.html)?$",
            counsellor,
        ));
        out.push_str(&format!(
            "# The counsellor's entry: a fixed name that re-exports this build's hashed\n\
             # bundle, so it is never cached (a cached one would keep an old bundle).\n\
             location ~ \"{COUNSELLOR_ENTRY}\" {{\n{}}}\n\n",
            headers("    ", &[NO_CACHE])
        ));
    }
    out.push_str(&page("The tablet app.", r"/(index\.html)?$", &policies.app));
    out.push_str(&format!(
        "# The service worker, under its own policy.\nlocation ~ \"/sw\\.js$\" {{\n{}}}\n\n",
        headers("    ", &[NO_CACHE, ("Content-Security-Policy", WORKER_CSP)])
    ));
    out.push_str(&format!(
        "# Files named by a hash of their content never change: cached for a year.\nlocation ~ \"{HASHED}\" {{\n{}}}\n",
        headers(
            "    ",
            &[("Cache-Control", "public, max-age=31536000, immutable")]
        )
    ));
    out
}

/// `trivsel-site.conf`: the app on a site of its own, over HTTPS.
pub fn site(version: &str) -> String {
    let [http4, http6] = SITE_LISTEN_HTTP;
    let [https4, https6] = SITE_LISTEN_HTTPS;
    let release = release_dir(version);
    format!(
        "\
# trivsel {version}: the app on a site of its own, over HTTPS. Written by
# `cargo xtask release`. Copy it to /etc/nginx/sites-available/trivsel, link it
# from sites-enabled/, and replace
# - {SITE_NAME} by the app's host name (its own, shared with no other app),
# - {SITE_CERT} by its certificate chain (for example from certbot),
# - {SITE_KEY} by the certificate's private key.
# Then: nginx -t && systemctl reload nginx
# To switch to another release (or back), change the version in the two paths
# below (root and include), and reload.

# Plain HTTP only redirects: the app needs HTTPS (service workers run only in a
# secure context).
server {{
    {http4}
    {http6}
    server_name {SITE_NAME};
    server_tokens off;
    return 301 https://$host$request_uri;
}}

server {{
    {https4}
    {https6}
    server_name {SITE_NAME};

    ssl_certificate {SITE_CERT};
    ssl_certificate_key {SITE_KEY};
    ssl_protocols TLSv1.2 TLSv1.3;

    # The release in use: its files, and the policies that go with them.
    root {release}/app;
    location / {{
        include {release}/nginx/{SNIPPET};
    }}
}}
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head of a page as Trunk's release build and its minifier write it.
    const PAGE: &str = r#"<!doctype html><html lang=da><meta charset=utf-8><meta content="width=device-width, initial-scale=1" name=viewport><meta content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-4IRmXqyM9oeyJDG8sDtgDD4SVbAc5ZTQiFVjmfbN0ck='; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'" http-equiv=Content-Security-Policy><title>Trivsel</title>"#;

    #[test]
    fn the_page_policy_is_the_meta_policy_and_no_framing() {
        let policy = page_policy(PAGE).unwrap();
        assert!(policy
            .starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-4IRm"));
        assert!(policy.ends_with("object-src 'none'; frame-ancestors 'none'"));
    }

    #[test]
    fn a_policy_without_the_loader_hash_or_with_unsafe_code_is_refused() {
        let placeholder = PAGE.replace(
            "sha256-4IRmXqyM9oeyJDG8sDtgDD4SVbAc5ZTQiFVjmfbN0ck=",
            "sha256-TRUNK-LOADER",
        );
        assert!(page_policy(&placeholder).is_err());
        let inline = PAGE.replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-inline'");
        assert!(page_policy(&inline).unwrap_err().contains("unsafe"));
        let no_hash = PAGE.replace(" 'sha256-4IRmXqyM9oeyJDG8sDtgDD4SVbAc5ZTQiFVjmfbN0ck='", "");
        assert!(page_policy(&no_hash).is_err());
        // Every page compiles wasm, and the tablet's imports the counsellor's bundle.
        let no_wasm = PAGE.replace(" 'wasm-unsafe-eval'", "");
        assert!(page_policy(&no_wasm)
            .unwrap_err()
            .contains("'wasm-unsafe-eval'"));
        let no_self = PAGE.replace("script-src 'self' ", "script-src ");
        assert!(page_policy(&no_self).unwrap_err().contains("'self'"));
        assert!(page_policy("<meta charset=utf-8>").is_err());
    }

    #[test]
    fn attributes_quoted_unquoted_and_entities() {
        assert_eq!(
            attribute("<meta http-equiv=Refresh content=5>", "http-equiv").as_deref(),
            Some("Refresh")
        );
        assert_eq!(
            attribute("<meta content='a &#39;b&#39;'>", "content").as_deref(),
            Some("a 'b'")
        );
        assert_eq!(
            attribute("<meta data-content=x content=y>", "content").as_deref(),
            Some("y")
        );
        assert_eq!(attribute("<meta name=x>", "content"), None);
    }

    fn policies() -> Policies {
        Policies {
            app: "script-src 'self' 'sha256-APP='; frame-ancestors 'none'".into(),
            counsellor: Some(
                "script-src 'self' 'sha256-COUNSELLOR='; frame-ancestors 'none'".into(),
            ),
            export: "script-src 'self' 'sha256-EXPORT='; frame-ancestors 'none'".into(),
            evaluator:
                "script-src 'self' 'sha256-EVAL='; img-src 'self' blob:; frame-ancestors 'none'"
                    .into(),
        }
    }

    /// The `add_header` lines of the location whose line contains `pattern`.
    fn location<'a>(conf: &'a str, pattern: &str) -> &'a str {
        let start = conf
            .find(&format!("location ~ \"{pattern}\" {{"))
            .unwrap_or_else(|| panic!("no location {pattern}"));
        let end = conf[start..].find("\n}").unwrap() + start;
        &conf[start..end]
    }

    #[test]
    fn each_page_gets_its_own_policy_and_every_location_the_security_headers() {
        let conf = snippet("1.2.3", &policies());
        assert!(conf.starts_with("# trivsel 1.2.3:"));
        assert!(location(&conf, r"/evaluator/(index\.html)?$")
            .contains("'sha256-EVAL='; img-src 'self' blob:"));
        assert!(location(&conf, r"/eksport/(index\.html)?$").contains("'sha256-EXPORT='"));
        assert!(location(&conf, r"/radgiver/(index\.html)?$").contains("'sha256-COUNSELLOR='"));
        assert!(location(&conf, r"/(index\.html)?$").contains("'sha256-APP='"));
        assert!(location(&conf, r"/sw\.js$").contains(WORKER_CSP));
        assert!(location(&conf, HASHED).contains("max-age=31536000, immutable"));
        // The counsellor's entry has a fixed name: never cached, and no hashed file.
        let entry = location(&conf, COUNSELLOR_ENTRY);
        assert!(entry.contains("Cache-Control \"no-cache\""), "{entry}");
        assert!(!entry.contains("immutable"), "{entry}");
        // The pages' locations come before the app's, which would match them too.
        let app = conf.find(r#"location ~ "/(index"#).unwrap();
        for page in ["/evaluator/(", "/eksport/(", "/radgiver/("] {
            assert!(conf.find(page).unwrap() < app, "{page}");
        }
        // Eight levels send headers (the outer one and seven locations); each sends them all.
        for (name, _) in SECURITY_HEADERS {
            assert_eq!(
                conf.matches(&format!("add_header {name} ")).count(),
                8,
                "{name}"
            );
        }
        assert!(!conf.contains("unsafe-inline"));
        assert!(conf.contains("application/wasm wasm;"));
    }

    #[test]
    fn a_build_without_the_counsellors_bundle_gets_no_location_for_it() {
        let conf = snippet(
            "baseline",
            &Policies {
                counsellor: None,
                ..policies()
            },
        );
        assert!(!conf.contains("/radgiver/"));
        assert!(conf.contains("'sha256-APP='"));
    }

    #[test]
    fn the_site_has_every_value_an_installation_replaces() {
        let conf = site("1.2.3");
        let release = release_dir("1.2.3");
        assert!(conf.contains(&format!("root {release}/app;")));
        assert!(conf.contains(&format!("include {release}/nginx/{SNIPPET};")));
        for value in [SITE_NAME, SITE_CERT, SITE_KEY]
            .into_iter()
            .chain(SITE_LISTEN_HTTP)
            .chain(SITE_LISTEN_HTTPS)
        {
            assert!(conf.contains(value), "{value}");
        }
        assert!(conf.contains("return 301 https://$host$request_uri;"));
    }
}
