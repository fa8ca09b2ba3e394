//! The parts of the `trivsel` CLI that read outside input, as a library:
//! which files a command reads (`inputs`) and the streaming reader of
//! export documents and NDJSON (`stream`). The binary (`main.rs`) uses them
//! like any of its modules; the fuzz targets in `crates/fuzz` feed the
//! stream bytes no test thought of.

pub mod inputs;
pub mod stream;
