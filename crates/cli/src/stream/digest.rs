//! A digest of what a document holds (its definitions and records, in
//! order), computed as it streams: two files with one export id must hold
//! the same, or the later one is refused (core's `ExportIds`). Compared
//! within one run only.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::io;

use serde::Serialize;

/// Feeds the JSON of what it is given to a hasher.
#[derive(Default)]
pub struct Digest(DefaultHasher);

impl io::Write for Digest {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Digest {
    /// Adds `value` (a record, or the definitions).
    pub fn add(&mut self, value: &impl Serialize) {
        let _ = serde_json::to_writer(&mut *self, value);
        self.0.write_u8(0);
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}
