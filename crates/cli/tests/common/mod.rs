//! Helpers shared by the end-to-end test files: running the built binary on a data directory,
//! reading its output, the bundled examples, gzip.
#![allow(dead_code)] // each test file uses its own subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built binary, with no data directory from the environment.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_chronicle"));
    c.env_remove("CHRONICLE_DATA");
    c
}

/// The binary on the store in `data`, with these arguments.
pub fn chronicle(data: &Path) -> Command {
    let mut c = bin();
    c.arg("--data-dir").arg(data);
    c
}

/// Runs the binary on the store in `data` and waits for it.
pub fn run(data: &Path, args: &[&str]) -> Output {
    chronicle(data).args(args).output().expect("run chronicle")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The bundled example articles.
pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}
