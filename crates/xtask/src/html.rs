//! Reading the HTML our own build writes, just enough for the checks that
//! need it (`size`: the files a page loads; `nginx`: each page's
//! Content-Security-Policy): tags found with quotes respected, and their
//! attributes. Not a general HTML parser: the input is Trunk's output.

/// Every `<name …>` tag of `html`, as written (the name in any case).
pub fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    // ASCII lowercasing keeps every byte offset, so indexes work in both.
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = lower[at..].find(&open) {
        let start = at + offset;
        let after = lower.as_bytes().get(start + open.len()).copied();
        let end = tag_end(&lower, start);
        if after.is_some_and(|b| b.is_ascii_whitespace() || b == b'>' || b == b'/') {
            found.push(&html[start..end]);
        }
        at = end;
    }
    found
}

/// The index just past the `>` closing the tag that starts at `start`.
pub fn tag_end(html: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, b) in html.bytes().enumerate().skip(start + 1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The attributes of one tag (`<name a="v" …>`) that have a value, as
/// (name, value) in their order, quoted or not, as written.
pub fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let bytes = tag.as_bytes();
    let stop = |b: u8| b.is_ascii_whitespace() || b == b'=' || b == b'>' || b == b'/';
    let mut i = 1;
    while i < bytes.len() && !stop(bytes[i]) {
        i += 1; // the tag name
    }
    let mut values = Vec::new();
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !stop(bytes[i]) {
            i += 1;
        }
        let name = &tag[name_start..i];
        if name_start == i {
            i += 1; // a stray `=` or the closing `>`
            continue;
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue; // an attribute without a value
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value_start, value_end) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = tag[i + 1..]
                    .find(q as char)
                    .map_or(tag.len(), |e| i + 1 + e);
                (i + 1, end)
            }
            _ => {
                let end = tag[i..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(tag.len(), |e| i + e);
                (i, end)
            }
        };
        values.push((name, &tag[value_start..value_end]));
        i = value_end + 1;
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_end_outside_quotes_and_attributes_come_in_pairs() {
        let page = r#"<META content="a > b" http-equiv=x><metadata x=1><meta/>"#;
        assert_eq!(
            tags(page, "meta"),
            [r#"<META content="a > b" http-equiv=x>"#, "<meta/>"]
        );
        assert_eq!(
            attributes(r#"<meta content="a > b" defer http-equiv=x>"#),
            [("content", "a > b"), ("http-equiv", "x")]
        );
    }
}
