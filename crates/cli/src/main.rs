//! `trivsel`: the evaluator's command line. Validates, merges and reports on
//! export files from many tablets, with the same core (and so the same
//! numbers) as the evaluator page in the browser, streaming so a 1 GB input
//! needs memory for its participants and response ids, not its records.
//!
//! Exit codes: 0 all good; 1 bad input (a file rejected, or conflicting
//! records); 2 wrong usage (clap's own errors too).

mod candidates;
mod commands;
mod generate;
mod keys;
mod params;
mod programmes;
mod progress;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use trivsel_core::report::{Breakdown, Format, DEFAULT_MIN_CELL};
use trivsel_core::Lang;
// The reading of outside input is the library's (`lib.rs`), so the fuzz
// targets reach it; the commands name it as one of their own modules.
use trivsel_cli::{inputs, stream};

use crate::commands::Reading;

#[derive(Parser, Debug)]
#[command(
    name = "trivsel",
    version,
    about = "Validate, merge and report on trivsel export files (and the programme files that define their questionnaires); make the evaluator's key pair and open exports encrypted to it (age).",
    after_help = "Exit codes: 0 ok, 1 bad input or conflicts, 2 usage."
)]
struct Cli {
    /// Language of messages and report labels.
    #[arg(long, value_enum, global = true, default_value = "da")]
    lang: LangArg,
    /// Show a progress bar on stderr even when it is not a terminal.
    #[arg(long, global = true)]
    progress: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Da,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Da => Lang::Da,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Text,
    Markdown,
    Csv,
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        }
    }
}

/// The groups the report shows beside everyone.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum ByArg {
    Gender,
    Site,
    Course,
}

impl From<ByArg> for Breakdown {
    fn from(b: ByArg) -> Breakdown {
        match b {
            ByArg::Gender => Breakdown::Gender,
            ByArg::Site => Breakdown::Site,
            ByArg::Course => Breakdown::Course,
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check each file: "OK" with its number of records (or what a programme file holds), or why it is rejected.
    Validate {
        /// Export files (.json documents, .ndjson, either as .age), programme files and directories to walk.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        key: KeyArg,
    },
    /// Merge the good files' current records into one export (duplicates, corrections and conflicts resolved).
    Merge {
        /// Export files, programme files and directories to walk.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The merged file to write (export format 2, with the definitions its records use).
        #[arg(short, long)]
        output: PathBuf,
        /// Write NDJSON (one record per line) instead of an export document.
        #[arg(long)]
        ndjson: bool,
        /// Exit 0 even when files were rejected or records conflict.
        #[arg(long)]
        allow_bad: bool,
        #[command(flatten)]
        key: KeyArg,
    },
    /// The evaluation report over the good files' current records.
    Report {
        /// Export files, programme files and directories to walk.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// Write the report here instead of to stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// A reference value a figure compares with, instead of the questionnaire's own:
        /// KEY=VALUE, with KEY as instrument/score/reference. Repeatable. A KEY that no figure
        /// of the files' questionnaires uses is refused with the keys they have.
        #[arg(long = "reference", value_name = "KEY=VALUE")]
        references: Vec<String>,
        /// A reliable-change criterion's parameters, instead of the questionnaire's own:
        /// KEY=mdc:POINTS (a minimal detectable change) or KEY=jt:SD:R (Jacobson & Truax:
        /// the score's SD and test-retest reliability), with KEY as instrument/score/criterion.
        /// Repeatable; an unknown KEY is refused as for --reference.
        #[arg(long = "reliable", value_name = "KEY=mdc:POINTS|KEY=jt:SD:R")]
        reliable: Vec<String>,
        /// The groups shown beside everyone.
        #[arg(long, value_enum, default_value = "gender")]
        by: ByArg,
        /// Suppress cells resting on fewer participants than this.
        #[arg(long, default_value_t = DEFAULT_MIN_CELL)]
        min_cell: u32,
        /// Exit 0 even when files were rejected or records conflict.
        #[arg(long)]
        allow_bad: bool,
        #[command(flatten)]
        key: KeyArg,
    },
    /// Make the evaluator's key pair: an identity file in age-keygen's format (Debian's `age -d -i` reads it), and its public key and fingerprint for the counsellors.
    Keygen {
        /// Write the identity here (readable by you only; an existing file is never overwritten). Without it, to stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Encrypt a file to a public key with age, as the tablet encrypts its exports.
    Encrypt {
        /// The evaluator's public key (age1…).
        #[arg(short, long, value_name = "AGE1…")]
        recipient: String,
        /// The file to encrypt.
        file: PathBuf,
        /// Where to write it; by default the file's name with .age added. An existing file is never overwritten.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of an export format version (by default the one this build writes).
    Schema {
        /// The format version.
        #[arg(value_name = "VERSION", default_value_t = trivsel_core::export::VERSION)]
        format_version: u32,
    },
    /// Write a synthetic, valid export for benchmarks (deterministic for a seed).
    Generate {
        #[arg(long)]
        responses: u64,
        #[arg(long)]
        participants: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The battery whose questionnaires are answered (its newest version); by default the shipped default battery.
        #[arg(long, value_name = "ID")]
        battery: Option<String>,
        /// A programme file whose questionnaires and batteries may be used. Repeatable.
        #[arg(long = "programme", value_name = "FILE")]
        programmes: Vec<PathBuf>,
        #[arg(short, long)]
        output: PathBuf,
        /// Write NDJSON instead of an export document.
        #[arg(long)]
        ndjson: bool,
    },
}

/// The evaluator's key file, for inputs encrypted with age.
#[derive(clap::Args, Debug)]
struct KeyArg {
    /// The evaluator's identity file (from `trivsel keygen` or age-keygen): opens inputs encrypted to it with age.
    #[arg(short, long, value_name = "FILE")]
    identity: Option<PathBuf>,
}

/// The outcome of a command, as an exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    BadInput,
    Usage,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(match s {
            Status::Ok => 0,
            Status::BadInput => 1,
            Status::Usage => 2,
        })
    }
}

/// Runs `command` with the identity the key file gives (if any), or says
/// why the key file cannot be used.
fn with_key(key: &KeyArg, cli: &Cli, command: impl FnOnce(Reading) -> Status) -> Status {
    let lang = Lang::from(cli.lang);
    let identity = match key
        .identity
        .as_deref()
        .map(|p| keys::load_identity(p, lang))
    {
        None => None,
        Some(Ok(identity)) => Some(identity),
        Some(Err(message)) => {
            eprintln!("{message}");
            return Status::Usage;
        }
    };
    command(Reading {
        progress: cli.progress,
        identity: identity.as_ref(),
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from(cli.lang);
    let status = match &cli.command {
        Command::Validate { paths, key } => with_key(key, &cli, |reading| {
            commands::validate(paths, lang, reading)
        }),
        Command::Merge {
            paths,
            output,
            ndjson,
            allow_bad,
            key,
        } => with_key(key, &cli, |reading| {
            commands::merge(paths, output, *ndjson, *allow_bad, lang, reading)
        }),
        Command::Report {
            paths,
            format,
            output,
            references,
            reliable,
            by,
            min_cell,
            allow_bad,
            key,
        } => match params::params(references, reliable, (*by).into(), *min_cell, lang) {
            Err(message) => {
                eprintln!("trivsel: {message}");
                Status::Usage
            }
            Ok(params) => with_key(key, &cli, |reading| {
                let format = (*format).into();
                commands::report(
                    paths,
                    params,
                    format,
                    output.as_deref(),
                    *allow_bad,
                    lang,
                    reading,
                )
            }),
        },
        Command::Keygen { output } => keys::keygen(output.as_deref(), lang),
        Command::Encrypt {
            recipient,
            file,
            output,
        } => keys::encrypt(recipient, file, output.as_deref(), lang),
        Command::Schema { format_version } => commands::schema(*format_version, lang),
        Command::Generate {
            responses,
            participants,
            seed,
            battery,
            programmes,
            output,
            ndjson,
        } => commands::generate(
            (*responses, *participants, *seed),
            battery.as_deref(),
            programmes,
            output,
            *ndjson,
            lang,
        ),
    };
    status.into()
}
