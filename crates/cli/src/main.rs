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
mod inputs;
mod progress;
mod stream;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use trivsel_core::report::Format;
use trivsel_core::{Lang, ReliableChange, ReportParams};

#[derive(Parser, Debug)]
#[command(
    name = "trivsel",
    version,
    about = "Validate, merge and report on trivsel export files (WHO-5 and the 0–10 ladder).",
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

#[derive(Subcommand, Debug)]
enum Command {
    /// Check each file on its own: "OK" with its number of records, or why it is rejected.
    Validate {
        /// Export files (.json documents, .ndjson) and directories to walk.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Merge the good files' current records into one export (duplicates, corrections and conflicts resolved).
    Merge {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The merged file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Write NDJSON (one record per line) instead of an export document.
        #[arg(long)]
        ndjson: bool,
        /// Exit 0 even when files were rejected or records conflict.
        #[arg(long)]
        allow_bad: bool,
    },
    /// The evaluation report over the good files' current records.
    Report {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// Write the report here instead of to stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The ladder level to compare with (by default that of Danish young people in general).
        #[arg(long, default_value_t = trivsel_core::report::DANISH_YOUTH_LADDER)]
        ladder_reference: f64,
        #[arg(
            long,
            conflicts_with_all = ["rc_sd", "rc_r"],
            help = format!(
                "Reliable change: a fixed minimal detectable change in points (default {}, the Danish WHO-5's)",
                trivsel_core::change::DANISH_WHO5_MDC
            )
        )]
        rc_mdc: Option<f64>,
        /// Reliable change by Jacobson & Truax: the SD of the WHO-5 percentage score.
        #[arg(long, requires = "rc_r")]
        rc_sd: Option<f64>,
        /// Reliable change by Jacobson & Truax: the test–retest reliability r.
        #[arg(long, requires = "rc_sd")]
        rc_r: Option<f64>,
        /// Suppress cells resting on fewer participants than this.
        #[arg(long, default_value_t = trivsel_core::report::DEFAULT_MIN_CELL)]
        min_cell: u32,
        /// Exit 0 even when files were rejected or records conflict.
        #[arg(long)]
        allow_bad: bool,
    },
    /// Print the JSON Schema of the export format.
    Schema,
    /// Write a synthetic, valid export for benchmarks (deterministic for a seed).
    Generate {
        #[arg(long)]
        responses: u64,
        #[arg(long)]
        participants: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(short, long)]
        output: PathBuf,
        /// Write NDJSON instead of an export document.
        #[arg(long)]
        ndjson: bool,
    },
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from(cli.lang);
    let status = match cli.command {
        Command::Validate { paths } => commands::validate(&paths, lang, cli.progress),
        Command::Merge {
            paths,
            output,
            ndjson,
            allow_bad,
        } => commands::merge(&paths, &output, ndjson, allow_bad, lang, cli.progress),
        Command::Report {
            paths,
            format,
            output,
            ladder_reference,
            rc_mdc,
            rc_sd,
            rc_r,
            min_cell,
            allow_bad,
        } => {
            let reliable_change = match (rc_mdc, rc_sd, rc_r) {
                (Some(points), _, _) => ReliableChange::Mdc { points },
                (None, Some(sd), Some(reliability)) => {
                    ReliableChange::JacobsonTruax { sd, reliability }
                }
                _ => ReliableChange::default(),
            };
            let params = ReportParams {
                ladder_reference,
                reliable_change,
                min_cell,
            };
            match params.check() {
                Err(e) => {
                    eprintln!("trivsel: {}", e.message(lang));
                    Status::Usage
                }
                Ok(()) => commands::report(
                    &paths,
                    params,
                    format.into(),
                    output.as_deref(),
                    allow_bad,
                    lang,
                    cli.progress,
                ),
            }
        }
        Command::Schema => commands::schema(),
        Command::Generate {
            responses,
            participants,
            seed,
            output,
            ndjson,
        } => commands::generate(
            generate::Spec {
                responses,
                participants,
                seed,
            },
            &output,
            ndjson,
            lang,
        ),
    };
    status.into()
}
