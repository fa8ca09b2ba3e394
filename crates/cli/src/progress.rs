//! The progress bar on long runs: bytes read of all input files, on stderr.
//!
//! It is drawn only when stderr is a terminal, or when `--progress` asks for
//! it (then, without a terminal, as one plain line per second), so piped
//! output and the tests see no escape codes. Results always go to stdout or
//! the output file, never mixed with the bar.

use std::io::{self, IsTerminal, Read, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

/// A progress bar over `total` bytes, or a hidden one.
pub fn bar(total: u64, forced: bool) -> ProgressBar {
    let target = if io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else if forced {
        ProgressDrawTarget::term_like_with_hz(Box::new(PlainLines), 1)
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(total), target);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} {eta} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Counts the bytes read through it on a progress bar.
pub struct Counted<'a, R> {
    pub inner: R,
    pub bar: &'a ProgressBar,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

/// A "terminal" that writes each drawn state as a plain line to stderr.
#[derive(Debug)]
struct PlainLines;

impl TermLike for PlainLines {
    fn width(&self) -> u16 {
        100
    }

    fn move_cursor_up(&self, _: usize) -> io::Result<()> {
        Ok(())
    }

    fn move_cursor_down(&self, _: usize) -> io::Result<()> {
        Ok(())
    }

    fn move_cursor_right(&self, _: usize) -> io::Result<()> {
        Ok(())
    }

    fn move_cursor_left(&self, _: usize) -> io::Result<()> {
        Ok(())
    }

    fn write_line(&self, s: &str) -> io::Result<()> {
        writeln!(io::stderr(), "{}", s.trim_end())
    }

    fn write_str(&self, s: &str) -> io::Result<()> {
        if s.trim().is_empty() {
            Ok(())
        } else {
            writeln!(io::stderr(), "{}", s.trim_end())
        }
    }

    fn clear_line(&self) -> io::Result<()> {
        Ok(())
    }

    fn flush(&self) -> io::Result<()> {
        io::stderr().flush()
    }
}
