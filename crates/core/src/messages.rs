//! How text that people read is written: every message exists once, with its
//! Danish and its English side by side, so a missing translation does not
//! build and no language ever falls back to another.
//!
//! [`tr!`](crate::tr) picks one of the two for a message with parameters: an
//! error's `message` is one `match` on the error with a `tr!` per variant.
//! [`catalogue!`](crate::catalogue) turns one list of entries into a struct of
//! texts, one static value per language, the lookup by [`Lang`] and methods
//! for the texts that take parameters; the app and the evaluator's page keep
//! their interface text that way. [`clip`] cuts a value that came from outside
//! (a file, a key, a name) before any message repeats it.

#[cfg(doc)]
use crate::lang::Lang;

/// The most characters of a value from outside that a message repeats.
pub const MAX_ECHO: usize = 60;

/// The text of `lang`: `tr!(lang, da: <expr>, en: <expr>)` is an exhaustive
/// `match` on the language, so both texts stand side by side and leaving one
/// out does not build.
///
/// ```
/// use trivsel_core::{tr, Lang};
/// let n = 3;
/// let text = |lang: Lang| -> String {
///     tr!(lang, da: format!("{n} filer"), en: format!("{n} files"))
/// };
/// assert_eq!(text(Lang::Da), "3 filer");
/// assert_eq!(text(Lang::En), "3 files");
/// ```
#[macro_export]
macro_rules! tr {
    ($lang:expr, da: $da:expr, en: $en:expr $(,)?) => {
        match $lang {
            $crate::lang::Lang::Da => $da,
            $crate::lang::Lang::En => $en,
        }
    };
}

/// A message catalogue from one list in which every entry holds all its
/// languages: a `texts` section of fields (`name: Type = { da: …, en: … }`,
/// or `name = { da: …, en: … }` for a `&'static str`) and a `formats` section of methods for texts with parameters
/// (`fn name(args) -> Ret = { da: …, en: … }`). It generates the struct (a
/// `pub lang` field and one `pub` field per text), one `static` value per
/// language inside the lookup function, and the methods, each an exhaustive
/// `match` on the value's language. Statics, not code: a field is read
/// wherever it is shown, and the lookup returns a reference.
///
/// ```
/// use trivsel_core::{catalogue, Lang};
///
/// catalogue! {
///     /// Words for the example.
///     pub struct Words;
///     /// The words in `lang`.
///     pub fn words;
///     texts {
///         /// A button.
///         yes = { da: "Ja", en: "Yes" },
///         /// The other language.
///         other: Lang = { da: Lang::En, en: Lang::Da },
///     }
///     formats {
///         /// A count of files.
///         fn files(n: usize) -> String = { da: format!("{n} filer"), en: format!("{n} files") },
///     }
/// }
///
/// assert_eq!(words(Lang::Da).yes, "Ja");
/// assert_eq!(words(Lang::En).files(2), "2 files");
/// assert_eq!(words(Lang::En).lang, Lang::En);
/// assert_eq!(words(Lang::Da).other, Lang::En);
/// ```
///
/// The same catalogue with one entry's English left out does not build:
///
/// ```compile_fail
/// use trivsel_core::{catalogue, Lang};
///
/// catalogue! {
///     /// Words for the example.
///     pub struct Words;
///     /// The words in `lang`.
///     pub fn words;
///     texts {
///         /// A button.
///         yes = { da: "Ja" },
///         /// The other language.
///         other: Lang = { da: Lang::En, en: Lang::Da },
///     }
///     formats {
///         /// A count of files.
///         fn files(n: usize) -> String = { da: format!("{n} filer"), en: format!("{n} files") },
///     }
/// }
///
/// assert_eq!(words(Lang::Da).yes, "Ja");
/// assert_eq!(words(Lang::En).files(2), "2 files");
/// assert_eq!(words(Lang::En).lang, Lang::En);
/// assert_eq!(words(Lang::Da).other, Lang::En);
/// ```
#[macro_export]
macro_rules! catalogue {
    (@type) => { &'static str };
    (@type $ty:ty) => { $ty };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident;
        $(#[$lookup_meta:meta])*
        $lookup_vis:vis fn $lookup:ident;
        texts {
            $(
                $(#[$field_meta:meta])*
                $field:ident $(: $ty:ty)? = { da: $da:expr, en: $en:expr $(,)? }
            ),* $(,)?
        }
        formats {
            $(
                $(#[$method_meta:meta])*
                fn $method:ident ( $($arg:ident : $arg_ty:ty),* $(,)? ) -> $ret:ty
                    = { da: $method_da:expr, en: $method_en:expr $(,)? }
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            /// The language of every text in this value.
            pub lang: $crate::lang::Lang,
            $(
                $(#[$field_meta])*
                pub $field: $crate::catalogue!(@type $($ty)?),
            )*
        }

        $(#[$lookup_meta])*
        $lookup_vis fn $lookup(lang: $crate::lang::Lang) -> &'static $name {
            static DA: $name = $name {
                lang: $crate::lang::Lang::Da,
                $($field: $da,)*
            };
            static EN: $name = $name {
                lang: $crate::lang::Lang::En,
                $($field: $en,)*
            };
            $crate::tr!(lang, da: &DA, en: &EN)
        }

        impl $name {
            $(
                $(#[$method_meta])*
                pub fn $method(&self $(, $arg: $arg_ty)*) -> $ret {
                    $crate::tr!(self.lang, da: $method_da, en: $method_en)
                }
            )*
        }
    };
}

/// A label used inside a sentence: "Høj livstilfredshed" → "høj
/// livstilfredshed".
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A label at the start of a sentence or heading: "pålidelig ændring" →
/// "Pålidelig ændring".
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `s` as plain one-line text of at most [`MAX_ECHO`] characters: a control
/// character, a zero-width or other invisible character and a
/// bidirectional override is written as its escape (`\u{200B}`), so
/// nothing in a value hides, moves or repaints the text around it, and a
/// longer value is cut with "…".
pub fn clip(s: &str) -> String {
    clip_to(s, MAX_ECHO)
}

/// [`clip`] to `max` characters (an escape counts as one).
pub fn clip_to(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n + 1 == max && s.chars().nth(max).is_some() {
            out.push('…');
            break;
        }
        push_visible(&mut out, c);
    }
    out
}

/// [`clip`] that keeps the end of `s` ("…/eksport/tablet-a.json"): for a
/// file name, whose end says which file.
pub fn clip_start(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_ECHO {
        return clip(s);
    }
    let tail: String = s.chars().skip(n + 1 - MAX_ECHO).collect();
    format!("…{}", clip(&tail))
}

/// `s` whole, with every character [`clip`] escapes escaped: for a file
/// name a terminal prints, which must not end a line or colour the next.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    out
}

/// Whether `c` shows nothing of its own or changes how the text around it
/// shows: controls (C0, DEL, C1), format characters (zero-width space and
/// joiners, word joiner, soft hyphen, byte-order mark, bidirectional marks,
/// embeddings, overrides and isolates, the Mongolian vowel separator, tags),
/// variation selectors, and the Hangul fillers that render as nothing.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
            | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

fn push_visible(out: &mut String, c: char) {
    if is_invisible(c) {
        out.push_str(&format!("\\u{{{:X}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_long_values_and_plain_texts_them() {
        assert_eq!(clip("kort"), "kort");
        let long = "å".repeat(5000);
        let c = clip(&long);
        assert_eq!(c.chars().count(), MAX_ECHO);
        assert!(c.ends_with('…'));
        assert_eq!(clip(&"a".repeat(60)), "a".repeat(60));
        assert_eq!(clip(&"a".repeat(61)).chars().count(), 60);
        assert_eq!(clip("a\nb\u{202e}c"), "a\\u{A}b\\u{202E}c");
        assert_eq!(clip("Ung\u{200b}Råd"), "Ung\\u{200B}Råd");
        assert_eq!(visible("x\n\u{1b}[32mOK"), "x\\u{A}\\u{1B}[32mOK");
        assert_eq!(visible("Ærø ’s"), "Ærø ’s");
        let path = format!("/{}/tablet-a.json", "d".repeat(80));
        let cut = clip_start(&path);
        assert!(cut.starts_with('…') && cut.ends_with("/tablet-a.json"));
        assert_eq!(cut.chars().count(), MAX_ECHO);
    }
}
