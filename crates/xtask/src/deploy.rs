//! The release as a municipality's IT runs it, tested: the archive made from
//! the build just tested, unpacked and checked the way the deployment guide
//! says, served by Debian's nginx with the configuration it ships (on loopback
//! ports), and the browser tests that matter behind a real server run against
//! it (`playwright.nginx.config.mjs`): offline, network and the youth flow
//! under a sub-path, every response header, and a tablet upgraded from the
//! baseline (its data sealed on the way).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::nginx::{self, SITE_CERT, SITE_KEY, SITE_LISTEN_HTTP, SITE_LISTEN_HTTPS};
use crate::run::Ctx;
use crate::{baseline, release, tools, Result};

/// The sub-path the release is served under in the test.
const SUB_PATH: &str = "trivsel";

/// Packs, unpacks and serves the release, then runs the nginx Playwright config
/// (with `playwright_args` after its own).
pub fn test(ctx: &Ctx, playwright_args: &[String]) -> Result {
    let root = ctx.root();
    tools::ensure_nginx(ctx)?;
    let work = root.join("target").join("deploy-test");
    if work.exists() {
        std::fs::remove_dir_all(&work)
            .map_err(|e| format!("cannot remove {}: {e}", work.display()))?;
    }
    let unpacked = work.join("unpacked");
    mkdir(&unpacked)?;

    // The archive, unpacked and checked with the guide's commands.
    let archive = release::package(root, &root.join("dist"), &work.join("archive"))?;
    ctx.run(
        "tar",
        &[
            "-xzf",
            &archive.display().to_string(),
            "-C",
            &unpacked.display().to_string(),
        ],
    )?;
    let release = unpacked.join(release::name());
    let mut check = ctx.command(
        "sha256sum",
        &["--check", "--strict", "--quiet", "SHA256SUMS"],
    );
    check.current_dir(&release);
    ctx.run_cmd(check)
        .map_err(|e| format!("the unpacked release does not match its SHA256SUMS: {e}"))?;

    let baseline = baseline::dist(ctx)?;
    let server = Nginx::start(ctx, &work.join("nginx"), &release, &baseline)?;
    let mut cmd = crate::test::playwright(
        ctx,
        &["test", "--config", "playwright.nginx.config.mjs"],
        &baseline,
    );
    cmd.args(playwright_args);
    for (name, value) in server.env() {
        cmd.env(name, value);
    }
    cmd.env("TRIVSEL_RELEASE_APP", release.join("app"));
    let result = ctx.run_cmd(cmd);
    if result.is_err() {
        println!("nginx's logs: {}", server.prefix.join("logs").display());
    }
    drop(server);
    result
}

/// Debian's nginx on loopback ports, started with the shipped configuration
/// and stopped when dropped.
struct Nginx {
    prefix: PathBuf,
    child: Child,
    /// The sub-path server, the shipped site (HTTPS and its HTTP redirect), and
    /// the upgrade origin, in that order.
    ports: [u16; 4],
}

impl Nginx {
    /// Writes the configuration into `prefix` and starts nginx:
    /// - the release's snippet inside `location /trivsel/` (with `alias` to the
    ///   release's app/) of a server that is not the app's alone;
    /// - the release's site file, with loopback ports, a self-signed
    ///   certificate and where the release was unpacked in place of the values
    ///   an installation replaces;
    /// - an upgrade origin, at its root, serving the build named by
    ///   `upgrade/current.conf`: first the baseline (with a snippet this
    ///   release's generator writes from the baseline's pages, as it predates
    ///   shipped configurations); the tests switch it and reload, as the guide does.
    fn start(ctx: &Ctx, prefix: &Path, release: &Path, baseline: &Path) -> Result<Nginx> {
        for dir in ["logs", "temp", "tls", "upgrade"] {
            mkdir(&prefix.join(dir))?;
        }
        let ports = free_ports()?;
        let (cert, key) = self_signed(ctx, &prefix.join("tls"))?;
        let [sub, https, http, upgrade] = ports;
        let shipped = read(&release.join("nginx").join(nginx::SITE))?;
        write(
            &prefix.join(nginx::SITE),
            &site(&shipped, release, https, http, (&cert, &key))?,
        )?;
        let snippet = release.join("nginx").join(nginx::SNIPPET);
        upgrade_builds(&prefix.join("upgrade"), release, baseline, &snippet)?;
        write(
            &prefix.join("nginx.conf"),
            &main_conf(&release.join("app"), &snippet, sub, upgrade),
        )?;

        let mut test = ctx.command(tools::NGINX, &[]);
        test.args(Nginx::args(prefix, &["-t"]));
        ctx.run_cmd(test)?;
        let child = ctx
            .command(tools::NGINX, &[])
            .args(Nginx::args(prefix, &["-g", "daemon off;"]))
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", tools::NGINX))?;
        let mut server = Nginx {
            prefix: prefix.to_path_buf(),
            child,
            ports,
        };
        server.wait_until_listening()?;
        println!(
            "--> nginx serves the release at http://127.0.0.1:{sub}/{SUB_PATH}/ and https://127.0.0.1:{https}/, the upgrade origin at http://127.0.0.1:{upgrade}/"
        );
        Ok(server)
    }

    /// nginx's arguments for this configuration (prefix, file, error log), then `extra`.
    fn args(prefix: &Path, extra: &[&str]) -> Vec<String> {
        let mut all = vec![
            "-p".to_string(),
            format!("{}/", prefix.display()),
            "-c".to_string(),
            prefix.join("nginx.conf").display().to_string(),
            "-e".to_string(),
            prefix.join("logs/error.log").display().to_string(),
        ];
        all.extend(extra.iter().map(|s| s.to_string()));
        all
    }

    fn wait_until_listening(&mut self) -> Result {
        let deadline = Instant::now() + Duration::from_secs(20);
        for port in self.ports {
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
                if let Ok(Some(status)) = self.child.try_wait() {
                    return Err(format!(
                        "nginx stopped ({status}); see {}",
                        self.prefix.join("logs/error.log").display()
                    ));
                }
                if Instant::now() > deadline {
                    return Err(format!("nginx is not listening on port {port} after 20 s"));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        Ok(())
    }

    /// What the Playwright config and specs read (see tests/deploy/builds.mjs).
    fn env(&self) -> Vec<(&'static str, String)> {
        let [sub, https, http, upgrade] = self.ports;
        let args = Nginx::args(&self.prefix, &[]);
        vec![
            (
                "TRIVSEL_NGINX_URL",
                format!("http://127.0.0.1:{sub}/{SUB_PATH}/"),
            ),
            ("TRIVSEL_SITE_URL", format!("https://127.0.0.1:{https}/")),
            ("TRIVSEL_SITE_HTTP_URL", format!("http://127.0.0.1:{http}/")),
            (
                "TRIVSEL_UPGRADE_URL",
                format!("http://127.0.0.1:{upgrade}/"),
            ),
            (
                "TRIVSEL_UPGRADE_CONF",
                self.prefix.join("upgrade").display().to_string(),
            ),
            ("TRIVSEL_NGINX", tools::NGINX.to_string()),
            // One argument a line: paths hold no line breaks.
            ("TRIVSEL_NGINX_ARGS", args.join("\n")),
        ]
    }
}

impl Drop for Nginx {
    /// A graceful stop (`nginx -s quit` through its pid file); killed if it is
    /// still running ten seconds later.
    fn drop(&mut self) {
        let _ = std::process::Command::new(tools::NGINX)
            .args(Nginx::args(&self.prefix, &["-s", "quit"]))
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A self-signed certificate for 127.0.0.1 in `dir`: its chain and key.
fn self_signed(ctx: &Ctx, dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    ctx.run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            &key.display().to_string(),
            "-out",
            &cert.display().to_string(),
        ],
    )?;
    Ok((cert, key))
}

/// The release's `shipped` site file with loopback ports, the test's
/// certificate and where the release was unpacked in place of the values an
/// installation replaces.
fn site(
    shipped: &str,
    release: &Path,
    https: u16,
    http: u16,
    (cert, key): (&Path, &Path),
) -> Result<String> {
    let no_ipv6 = || "# (IPv6 left out on the test's loopback)".to_string();
    replace_all(
        shipped,
        &[
            (SITE_LISTEN_HTTP[0], format!("listen 127.0.0.1:{http};")),
            (SITE_LISTEN_HTTP[1], no_ipv6()),
            (
                SITE_LISTEN_HTTPS[0],
                format!("listen 127.0.0.1:{https} ssl http2;"),
            ),
            (SITE_LISTEN_HTTPS[1], no_ipv6()),
            (SITE_CERT, cert.display().to_string()),
            (SITE_KEY, key.display().to_string()),
            (
                &nginx::release_dir(release::VERSION),
                release.display().to_string(),
            ),
        ],
    )
}

/// The upgrade origin's builds in `dir`: `baseline.conf` (with a snippet this
/// release's generator writes from the baseline's pages, as it predates
/// shipped configurations) and `release.conf` (the release's own `snippet`),
/// and `current.conf`, the one served, at first the baseline.
fn upgrade_builds(dir: &Path, release: &Path, baseline: &Path, snippet: &Path) -> Result {
    let baseline_snippet = dir.join("baseline-app.conf");
    write(
        &baseline_snippet,
        &nginx::snippet("baseline", &nginx::Policies::read(baseline)?),
    )?;
    for (name, root, snippet) in [
        (
            "baseline",
            baseline.to_path_buf(),
            baseline_snippet.as_path(),
        ),
        ("release", release.join("app"), snippet),
    ] {
        write(
            &dir.join(format!("{name}.conf")),
            &format!(
                "root {};\nlocation / {{\n    include {};\n}}\n",
                root.display(),
                snippet.display()
            ),
        )?;
    }
    copy(&dir.join("baseline.conf"), &dir.join("current.conf"))
}

/// nginx.conf: the release's `app` with its `snippet` under the sub-path on
/// port `sub`, the upgrade origin on port `upgrade`, and the site file.
fn main_conf(app: &Path, snippet: &Path, sub: u16, upgrade: u16) -> String {
    format!(
        "\
# Written by `cargo xtask test` (crates/xtask/src/deploy.rs): the release's
# nginx files, served on loopback ports from this directory. One worker: after
# a reload, the upgrade tests wait until the previous one has exited
# (tests/deploy/builds.mjs).
worker_processes 1;
pid nginx.pid;
events {{
    worker_connections 256;
}}
http {{
    access_log logs/access.log;
    client_body_temp_path temp/client_body;
    proxy_temp_path temp/proxy;
    fastcgi_temp_path temp/fastcgi;
    uwsgi_temp_path temp/uwsgi;
    scgi_temp_path temp/scgi;

    # A sub-path of a site the app does not have to itself.
    server {{
        listen 127.0.0.1:{sub};
        location /{SUB_PATH}/ {{
            alias {app}/;
            include {snippet};
        }}
    }}

    # The upgrade origin: the build upgrade/current.conf names, at the root.
    server {{
        listen 127.0.0.1:{upgrade};
        include upgrade/current.conf;
    }}

    # The release's own site file.
    include {site_file};
}}
",
        app = app.display(),
        snippet = snippet.display(),
        site_file = nginx::SITE,
    )
}

/// Four ports that are free now (the kernel's choice), for nginx to listen on.
fn free_ports() -> Result<[u16; 4]> {
    let listeners = (0..4)
        .map(|_| TcpListener::bind("127.0.0.1:0"))
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|e| format!("cannot find a free port: {e}"))?;
    let mut ports = [0; 4];
    for (port, listener) in ports.iter_mut().zip(&listeners) {
        *port = listener
            .local_addr()
            .map_err(|e| format!("cannot find a free port: {e}"))?
            .port();
    }
    Ok(ports)
}

/// `text` with each `(from, to)` replaced, failing if a `from` is not in it
/// (the shipped file changed, and the test would no longer serve it as is).
fn replace_all(text: &str, pairs: &[(&str, String)]) -> Result<String> {
    pairs.iter().try_fold(text.to_string(), |text, (from, to)| {
        if text.contains(from) {
            Ok(text.replace(from, to))
        } else {
            Err(format!("the shipped {} has no `{from}`", nginx::SITE))
        }
    })
}

fn mkdir(dir: &Path) -> Result {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    if let Some(dir) = to.parent() {
        mkdir(dir)?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_the_test_replaces_is_in_the_shipped_site() {
        let site = nginx::site("1.2.3");
        let replaced = replace_all(
            &site,
            &[
                (SITE_LISTEN_HTTPS[0], "listen 127.0.0.1:1 ssl http2;".into()),
                (&nginx::release_dir("1.2.3"), "/tmp/release".into()),
            ],
        )
        .unwrap();
        assert!(replaced.contains("listen 127.0.0.1:1 ssl http2;"));
        assert!(replaced.contains("root /tmp/release/app;"));
        assert!(replace_all(&site, &[("listen 8443;", String::new())]).is_err());
    }
}
