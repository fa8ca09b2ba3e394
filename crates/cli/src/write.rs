//! Writing an export document of the current format one record at a time,
//! so `merge` and `generate` never hold the records of a large file: the
//! header with the definitions first (the order every reader, the streaming
//! one included, reads best), then each record as it comes.

use std::io::{self, Write};

use serde::Serialize;
use trivsel_core::export::{ExportRecord, APP_VERSION, FORMAT, VERSION};
use trivsel_core::{Date, Instrument, Uuid};

/// The fields of a document before its records, in the order written.
#[derive(Serialize)]
struct Header<'a> {
    format: &'a str,
    version: u32,
    app_version: &'a str,
    export_id: Uuid,
    created: Date,
    instruments: &'a [&'a Instrument],
}

/// An export document being written.
pub struct DocumentWriter<W: Write> {
    out: W,
    records: u64,
}

impl<W: Write> DocumentWriter<W> {
    /// Writes the header: this build's format and version, `export_id`,
    /// `created` and the `definitions` the records will answer.
    pub fn begin(
        mut out: W,
        export_id: Uuid,
        created: Date,
        definitions: &[&Instrument],
    ) -> io::Result<DocumentWriter<W>> {
        let header = serde_json::to_vec(&Header {
            format: FORMAT,
            version: VERSION,
            app_version: APP_VERSION,
            export_id,
            created,
            instruments: definitions,
        })?;
        // The header object without its closing brace, then the records array.
        out.write_all(&header[..header.len() - 1])?;
        out.write_all(b",\"records\":[")?;
        Ok(DocumentWriter { out, records: 0 })
    }

    /// Writes one record.
    pub fn record(&mut self, r: &ExportRecord) -> io::Result<()> {
        self.out
            .write_all(if self.records == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, r)?;
        self.records += 1;
        Ok(())
    }

    /// Closes the document and flushes it.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes one record as a line of NDJSON.
pub fn ndjson_line(out: &mut (impl Write + ?Sized), r: &ExportRecord) -> io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use trivsel_core::import::{parse_document, Limits};
    use trivsel_core::Catalogue;

    #[test]
    fn an_empty_document_is_a_good_export() {
        let shipped = Catalogue::shipped();
        let definitions: Vec<&Instrument> = shipped.instruments().iter().collect();
        let w = DocumentWriter::begin(
            Vec::new(),
            "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap(),
            Date::new(2026, 12, 1).unwrap(),
            &definitions,
        )
        .unwrap();
        let bytes = w.finish().unwrap();
        let doc = parse_document(&bytes, &Limits::default(), shipped).unwrap();
        assert!(doc.records.is_empty());
        assert_eq!(doc.instruments.len(), definitions.len());
        assert_eq!(doc.app_version, APP_VERSION);
    }
}
