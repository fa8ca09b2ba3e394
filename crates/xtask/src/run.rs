//! Running child processes the same way everywhere: from the repo root, with
//! `<root>/node_modules/.bin` and `~/.cargo/bin` first on PATH (so Trunk finds
//! npm's binaryen `wasm-opt` before Debian's older one, and freshly
//! `cargo install`ed tools are found), echoing each command before it runs.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;

/// Where commands run and the PATH they get.
pub struct Ctx {
    root: PathBuf,
    path: OsString,
}

impl Ctx {
    pub fn new(root: &Path) -> Self {
        let mut dirs = vec![root.join("node_modules").join(".bin")];
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(PathBuf::from(home).join(".cargo").join("bin"));
        }
        if let Some(existing) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&existing));
        }
        let path = std::env::join_paths(dirs).expect("PATH entries contain no separator");
        Ctx {
            root: root.to_path_buf(),
            path,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A command in the repo root with our PATH (also used to look up `program`).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Command {
        let mut cmd = Command::new(program);
        cmd.args(args)
            .current_dir(&self.root)
            .env("PATH", &self.path);
        cmd
    }

    /// Echoes `$ program args…`, runs it with inherited stdio, fails on a non-zero exit.
    pub fn run(&self, program: &str, args: &[&str]) -> Result {
        self.run_cmd(self.command(program, args))
    }

    /// Like [`Ctx::run`] for a command built with [`Ctx::command`] (extra env etc.).
    pub fn run_cmd(&self, mut cmd: Command) -> Result {
        let shown = display(&cmd);
        println!("$ {shown}");
        let status = cmd
            .status()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{shown}` failed ({status})"))
        }
    }

    /// Stdout of a quiet command, or `None` if it cannot start or exits non-zero.
    pub fn capture(&self, program: &str, args: &[&str]) -> Option<String> {
        let output = self
            .command(program, args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Whether `program` is an executable file in one of our PATH directories.
    pub fn on_path(&self, program: &str) -> bool {
        std::env::split_paths(&self.path).any(|dir| is_executable(&dir.join(program)))
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// `program arg arg…` as a person would type it (paths under the root shown relative).
fn display(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program());
    let program = cmd
        .get_current_dir()
        .and_then(|dir| program.strip_prefix(dir).ok())
        .unwrap_or(program);
    std::iter::once(program.as_os_str())
        .chain(cmd.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
