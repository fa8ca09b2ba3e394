//! The coherence check every definition passes where it enters (the shipped
//! files in the tests, a programme file on the tablet, an export's
//! definitions at import): after it, every name a definition uses exists, so
//! scoring, the screens and the report look things up without failing.

use std::fmt;

use super::{At, BandSet, Counted, CriterionRule, FigureKind, Instrument, Rule, ScoreDef};
use crate::lang::{Lang, Text};

/// Why a definition cannot be used: the instrument, and what is wrong with it
/// in words for the person who wrote the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionError {
    pub instrument: String,
    pub version: u32,
    /// What is wrong, naming the part (item, score, band set), in both languages.
    pub problem: Text,
}

impl DefinitionError {
    pub fn message(&self, lang: Lang) -> String {
        let (id, v, p) = (&self.instrument, self.version, self.problem.get(lang));
        match lang {
            Lang::Da => format!("Skemaet «{id}» version {v} kan ikke bruges: {p}."),
            Lang::En => format!("The questionnaire «{id}» version {v} cannot be used: {p}."),
        }
    }
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DefinitionError {}

/// Whether `id` may name an instrument, item, score, band or criterion:
/// 1–40 lower-case ASCII letters, digits and `_`, starting with a letter.
pub fn is_identifier(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 40
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

/// The first name that occurs twice, if any.
pub(crate) fn twice<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = Vec::new();
    for name in names {
        if seen.contains(&name) {
            return Some(name);
        }
        seen.push(name);
    }
    None
}

/// A text missing in at least one language.
pub(crate) fn empty(t: &Text) -> bool {
    t.da.trim().is_empty() || t.en.trim().is_empty()
}

type Problem = Result<(), Text>;

fn no(da: impl Into<String>, en: impl Into<String>) -> Problem {
    Err(Text::new(da, en))
}

fn not_plain(id: &str) -> Problem {
    no(
        format!("navnet «{id}» er ikke et enkelt navn (små bogstaver, tal og _)"),
        format!("the name «{id}» is not a plain name (lower-case letters, digits and _)"),
    )
}

fn is_twice(what_da: &str, what_en: &str, id: &str) -> Problem {
    no(
        format!("{what_da} {id} står der to gange"),
        format!("{what_en} {id} is there twice"),
    )
}

fn no_text() -> Text {
    Text::new(
        "en tekst mangler på et af sprogene",
        "a text is missing in one language",
    )
}

fn missing(what_da: &str, what_en: &str, id: &str) -> Text {
    Text::new(
        format!("{what_da} {id} findes ikke"),
        format!("{what_en} {id} does not exist"),
    )
}

impl Instrument {
    /// Checks that the definition is coherent: names well formed and unique,
    /// every item answerable, texts present in both languages, every score
    /// computable, bands inside the score's range and not overlapping, and
    /// every band set, criterion and reference a figure names present.
    /// Returns the first problem.
    pub fn check(&self) -> Result<(), DefinitionError> {
        self.problem().map_err(|problem| DefinitionError {
            instrument: self.id.clone(),
            version: self.version,
            problem,
        })
    }

    fn problem(&self) -> Problem {
        if !super::check::is_identifier(&self.id) {
            return not_plain(&self.id);
        }
        if self.version == 0 {
            return no("versionen er 0", "the version is 0");
        }
        // The stem may be empty in one language: the Danish WHO-5 items
        // carry the time frame themselves.
        let mut texts = vec![&self.name, &self.short];
        texts.extend(&self.intro);
        texts.extend(self.flags.as_ref().map(|f| &f.meaning));
        if texts.into_iter().any(empty) {
            return Err(no_text());
        }
        self.check_items()?;
        if self.scores.is_empty() {
            return no("skemaet har ingen scorer", "it has no scores");
        }
        if let Some(id) = twice(self.scores.iter().map(|s| s.id.as_str())) {
            return is_twice("scoren", "score", id);
        }
        for score in &self.scores {
            self.check_score(score).map_err(|p| {
                let at = format!("score {}: ", score.id);
                p.after(&at, &at)
            })?;
        }
        Ok(())
    }

    fn check_items(&self) -> Problem {
        if self.items.is_empty() {
            return no("skemaet har ingen spørgsmål", "it has no items");
        }
        if let Some(id) = twice(self.items.iter().map(|i| i.id.as_str())) {
            return is_twice("spørgsmålet", "item", id);
        }
        for item in &self.items {
            if !is_identifier(&item.id) {
                return not_plain(&item.id);
            }
            let response = self.response_of(item);
            let texts = [&item.text, &item.short]
                .into_iter()
                .chain(response.texts());
            let problem = response
                .problem()
                .or(texts.into_iter().any(empty).then(no_text));
            if let Some(p) = problem {
                let (da, en) = (
                    format!("spørgsmål {}: ", item.id),
                    format!("item {}: ", item.id),
                );
                return Err(p.after(&da, &en));
            }
        }
        if let Some(p) = self.response.problem() {
            return Err(p.after("svarene: ", "the answers: "));
        }
        Ok(())
    }

    fn check_score(&self, score: &ScoreDef) -> Problem {
        if !is_identifier(&score.id) {
            return not_plain(&score.id);
        }
        if matches!(score.id.as_str(), "flagged" | "declined") {
            return no(
                format!(
                    "scoren kan ikke hedde {}: navnet bruges til en kolonne",
                    score.id
                ),
                format!(
                    "a score cannot be called {}: the name is a column's",
                    score.id
                ),
            );
        }
        if empty(&score.name) || empty(&score.short) {
            return Err(no_text());
        }
        match &score.rule {
            Rule::Sum { factor: 0 } => return no("en sum gange 0", "a sum times 0"),
            Rule::Item { item } if self.item(item).is_none() => {
                return Err(missing("spørgsmålet", "item", item))
            }
            Rule::Sum { .. } | Rule::Item { .. } => {}
        }
        let (min, max) = (self.score_min(score), self.score_max(score));
        if let Some(id) = twice(score.band_sets.iter().map(|s| s.id.as_str())) {
            return is_twice("båndsættet", "band set", id);
        }
        for set in &score.band_sets {
            check_band_set(set, max).map_err(|p| {
                p.after(
                    &format!("båndsæt {}: ", set.id),
                    &format!("band set {}: ", set.id),
                )
            })?;
        }
        if let Some(id) = score
            .shown_band_sets
            .iter()
            .find(|id| score.band_set(id).is_none())
        {
            return Err(missing("det viste båndsæt", "the shown band set", id));
        }
        if score.choose_one_band_set && score.shown_band_sets.len() != 1 {
            return no(
                "der vælges ét båndsæt, så præcis ét vises fra start",
                "one band set is chosen, so exactly one is shown by default",
            );
        }
        self.check_criteria_and_references(score, min, max)?;
        for figure in &score.report {
            self.check_figure(score, &figure.kind, max)?;
            if figure.label.as_ref().is_some_and(empty) || figure.note.as_ref().is_some_and(empty) {
                return Err(no_text());
            }
        }
        Ok(())
    }

    fn check_criteria_and_references(&self, score: &ScoreDef, min: u32, max: u32) -> Problem {
        if let Some(id) = twice(score.change.iter().map(|c| c.id.as_str())) {
            return is_twice("kriteriet", "criterion", id);
        }
        for c in &score.change {
            if !is_identifier(&c.id) {
                return not_plain(&c.id);
            }
            if empty(&c.name) {
                return Err(no_text());
            }
            if let CriterionRule::Points { points: 0 } = c.rule {
                return no(
                    format!("kriteriet {} tæller en ændring på 0 point", c.id),
                    format!("criterion {} counts a change of 0 points", c.id),
                );
            }
        }
        if let Some(id) = twice(score.references.iter().map(|r| r.id.as_str())) {
            return is_twice("referencen", "reference", id);
        }
        for r in &score.references {
            if !is_identifier(&r.id) {
                return not_plain(&r.id);
            }
            if empty(&r.name) {
                return Err(no_text());
            }
            let inside =
                r.value.is_finite() && r.value >= f64::from(min) && r.value <= f64::from(max);
            if !inside {
                return no(
                    format!("referencen {} skal ligge fra {min} til {max}", r.id),
                    format!("reference {} must be from {min} to {max}", r.id),
                );
            }
        }
        Ok(())
    }

    fn check_figure(&self, score: &ScoreDef, kind: &FigureKind, max: u32) -> Problem {
        let set = |id: &str| {
            score
                .band_set(id)
                .ok_or_else(|| missing("båndsættet", "band set", id))
        };
        let band = |s: &str, b: &str| {
            set(s)?
                .band(b)
                .map(|_| ())
                .ok_or_else(|| missing("båndet", "band", &format!("{s}/{b}")))
        };
        let later = |to: At| {
            if to == At::Intake {
                no(
                    "en ændring går fra indskrivning til en senere måling",
                    "a change is from intake to a later measurement",
                )
            } else {
                Ok(())
            }
        };
        match kind {
            FigureKind::Mean { .. } => Ok(()),
            FigureKind::Difference { reference, .. } => score
                .reference(reference)
                .map(|_| ())
                .ok_or_else(|| missing("referencen", "reference", reference)),
            FigureKind::BandShare {
                band_set,
                band: None,
                ..
            } => set(band_set).map(|_| ()),
            FigureKind::BandShare {
                band_set,
                band: Some(b),
                ..
            } => band(band_set, b),
            FigureKind::LeftBand {
                band_set,
                band: b,
                to,
            } => {
                later(*to)?;
                band(band_set, b)
            }
            FigureKind::Changed {
                to,
                criterion,
                counted,
            } => {
                later(*to)?;
                let c = score
                    .criterion(criterion)
                    .ok_or_else(|| missing("kriteriet", "criterion", criterion))?;
                if c.rule.is_directional() == (*counted == Counted::Met) {
                    return no(
                        format!("et tal tæller et udfald, kriteriet {criterion} ikke har"),
                        format!(
                            "a figure counts an outcome the criterion {criterion} does not have"
                        ),
                    );
                }
                Ok(())
            }
            FigureKind::Distribution { bins } => {
                let ordered = bins.windows(2).all(|w| w[0][1] < w[1][0]);
                let inside = bins.iter().all(|[lo, hi]| lo <= hi && *hi <= max);
                if bins.is_empty() || !ordered || !inside {
                    return no(
                        format!("en fordeling skal have intervaller i orden, adskilt og inden for 0–{max}"),
                        format!("a distribution needs bins in order, apart and inside 0–{max}"),
                    );
                }
                Ok(())
            }
        }
    }
}

fn check_band_set(set: &BandSet, max: u32) -> Problem {
    if !is_identifier(&set.id) {
        return not_plain(&set.id);
    }
    if empty(&set.name) {
        return Err(no_text());
    }
    if let Some(id) = twice(set.bands.iter().map(|b| b.id.as_str())) {
        return is_twice("båndet", "band", id);
    }
    for (j, band) in set.bands.iter().enumerate() {
        if !is_identifier(&band.id) {
            return not_plain(&band.id);
        }
        if band.min > band.max || band.max > max {
            return no(
                format!("båndet {} ligger uden for 0–{max}", band.id),
                format!("band {} is outside 0–{max}", band.id),
            );
        }
        if set.bands[..j]
            .iter()
            .any(|b| b.min <= band.max && band.min <= b.max)
        {
            return no(
                format!("båndet {} overlapper et andet", band.id),
                format!("band {} overlaps another", band.id),
            );
        }
        if empty(&band.label) || empty(&band.meaning) {
            return Err(no_text());
        }
    }
    Ok(())
}
