//! The `git` command, run apart from whatever the machine's user configured: no system
//! or global configuration, no `GIT_*` variable of the environment, no hooks, no
//! signing; objects and references are fsynced (`core.fsync`), so that a machine that
//! loses power keeps the last published version too.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::{Error, Result};

/// A git directory (bare: no work tree, no index).
#[derive(Clone, Debug)]
pub(crate) struct Git {
    pub dir: PathBuf,
}

/// An author or committer: name, e-mail address and moment in git's form.
pub(crate) struct Ident<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub date: &'a str,
}

/// One entry of a tree, as `git ls-tree` writes it and `git mktree` reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TreeEntry {
    pub mode: String,
    pub kind: String,
    pub oid: String,
    pub name: String,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
        }
    }

    /// `git` with this repository and a configuration of its own.
    pub fn command(&self) -> Command {
        let mut command = bare_command();
        command.arg("--git-dir").arg(&self.dir).args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "core.fsync=objects,reference",
            "-c",
            "core.fsyncMethod=fsync",
            "-c",
            "gc.auto=0",
        ]);
        command
    }

    /// Runs `git args…`, with `input` on its standard input; its standard output, or an
    /// error with its standard error when it fails.
    pub fn run(&self, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>> {
        self.run_with(self.command(), args, input)
    }

    pub fn run_with(
        &self,
        mut command: Command,
        args: &[&str],
        input: Option<&[u8]>,
    ) -> Result<Vec<u8>> {
        let output = output(command.args(args), args, input)?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(failed(args, &output))
        }
    }

    /// Runs `git args…` as a question: `Ok(true)` when it exits with 0, `Ok(false)` with
    /// 1, an error otherwise.
    pub fn ask(&self, args: &[&str]) -> Result<bool> {
        let output = output(self.command().args(args), args, None)?;
        match output.status.code() {
            Some(0) => Ok(true),
            Some(1) => Ok(false),
            _ => Err(failed(args, &output)),
        }
    }

    /// The text `git args…` writes, without its last line end.
    pub fn text(&self, args: &[&str]) -> Result<String> {
        let out = self.run(args, None)?;
        let mut text = String::from_utf8(out).map_err(|_| Error::Git {
            command: args.join(" "),
            message: "wrote something else than UTF-8".into(),
        })?;
        if text.ends_with('\n') {
            text.pop();
        }
        Ok(text)
    }

    /// The commit id `rev` names, `None` when there is none.
    pub fn commit_id(&self, rev: &str) -> Result<Option<String>> {
        let spec = format!("{rev}^{{commit}}");
        let args = [
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ];
        let output = output(self.command().args(args), &args, None)?;
        match output.status.code() {
            Some(0) => Ok(Some(
                String::from_utf8_lossy(&output.stdout).trim().to_string(),
            )),
            Some(1) => Ok(None),
            _ => Err(failed(&args, &output)),
        }
    }

    /// Whether `ancestor` is `descendant` or in its history.
    pub fn is_ancestor(&self, ancestor: &str, descendant: &str) -> Result<bool> {
        self.ask(&["merge-base", "--is-ancestor", ancestor, descendant])
    }

    /// The object id of a file's contents, written to the repository.
    pub fn write_blob(&self, contents: &[u8]) -> Result<String> {
        self.text_of(&["hash-object", "-w", "--no-filters", "--stdin"], contents)
    }

    /// The contents of the file at `path` in `commit`, `None` when it has none.
    pub fn file_at(&self, commit: &str, path: &str) -> Result<Option<Vec<u8>>> {
        let spec = format!("{commit}:{path}\n");
        let out = self.run(&["cat-file", "--batch"], Some(spec.as_bytes()))?;
        // `<oid> blob <size>\n<contents>\n`, or `<spec> missing\n`.
        let Some(header_end) = out.iter().position(|&b| b == b'\n') else {
            return Ok(None);
        };
        let header = String::from_utf8_lossy(&out[..header_end]);
        let mut fields = header.split(' ');
        let (kind, size) = (
            fields.nth(1),
            fields.next().and_then(|s| s.parse::<usize>().ok()),
        );
        match (kind, size) {
            (Some("blob"), Some(size)) if out.len() > header_end + size => {
                Ok(Some(out[header_end + 1..header_end + 1 + size].to_vec()))
            }
            _ => Ok(None),
        }
    }

    /// The entries of a tree (`tree` as git names trees: an id, or `<commit>:<path>`).
    pub fn tree_entries(&self, tree: &str) -> Result<Vec<TreeEntry>> {
        let out = self.run(&["ls-tree", "-z", "--full-tree", tree], None)?;
        let mut entries = Vec::new();
        for record in out.split(|&b| b == 0).filter(|r| !r.is_empty()) {
            let record = String::from_utf8_lossy(record);
            let parsed = record.split_once('\t').and_then(|(head, name)| {
                let mut head = head.split(' ');
                Some(TreeEntry {
                    mode: head.next()?.to_string(),
                    kind: head.next()?.to_string(),
                    oid: head.next()?.to_string(),
                    name: name.to_string(),
                })
            });
            entries.push(parsed.ok_or_else(|| Error::Git {
                command: format!("ls-tree {tree}"),
                message: format!("an entry git did not write as expected: {record:?}"),
            })?);
        }
        Ok(entries)
    }

    /// A tree made of these entries (in any order), written to the repository.
    pub fn make_tree(&self, entries: &[TreeEntry]) -> Result<String> {
        let mut input = Vec::new();
        for e in entries {
            write!(input, "{} {} {}\t{}\0", e.mode, e.kind, e.oid, e.name).expect("a Vec");
        }
        self.text_of(&["mktree", "-z"], &input)
    }

    /// `tree` with the file at `path` (its parts) set to `blob`, as a new tree; the
    /// folders on the way are made where missing. `tree` is `None` for an empty tree.
    pub fn tree_with_file(&self, tree: Option<&str>, path: &[&str], blob: &str) -> Result<String> {
        let (name, rest) = path.split_first().expect("a path has a name");
        let mut entries = match tree {
            Some(tree) => self.tree_entries(tree)?,
            None => Vec::new(),
        };
        let existing = entries.iter().position(|e| e.name == *name);
        let entry = if rest.is_empty() {
            TreeEntry {
                mode: "100644".into(),
                kind: "blob".into(),
                oid: blob.into(),
                name: name.to_string(),
            }
        } else {
            let below = existing
                .map(|i| &entries[i])
                .filter(|e| e.kind == "tree")
                .map(|e| e.oid.clone());
            TreeEntry {
                mode: "040000".into(),
                kind: "tree".into(),
                oid: self.tree_with_file(below.as_deref(), rest, blob)?,
                name: name.to_string(),
            }
        };
        match existing {
            Some(i) => entries[i] = entry,
            None => entries.push(entry),
        }
        self.make_tree(&entries)
    }

    /// A new commit of `tree` on `parent` with this message, written to the repository
    /// (no reference changes).
    pub fn commit_tree(
        &self,
        tree: &str,
        parent: Option<&str>,
        message: &str,
        author: &Ident,
        committer: &Ident,
    ) -> Result<String> {
        let mut command = self.command();
        command
            .env("GIT_AUTHOR_NAME", author.name)
            .env("GIT_AUTHOR_EMAIL", author.email)
            .env("GIT_AUTHOR_DATE", author.date)
            .env("GIT_COMMITTER_NAME", committer.name)
            .env("GIT_COMMITTER_EMAIL", committer.email)
            .env("GIT_COMMITTER_DATE", committer.date);
        let mut args = vec!["commit-tree", tree];
        if let Some(parent) = parent {
            args.extend(["-p", parent]);
        }
        args.extend(["-F", "-"]);
        let out = self.run_with(command, &args, Some(message.as_bytes()))?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }

    /// Moves `reference` from `old` to `new` if it is still at `old` (`""`: if it does
    /// not exist yet): git's compare and swap. `Ok(false)` when it was not done.
    pub fn swap_ref(&self, reference: &str, new: &str, old: &str) -> Result<bool> {
        let args = ["update-ref", "--no-deref", reference, new, old];
        let output = output(self.command().args(args), &args, None)?;
        Ok(output.status.success())
    }

    fn text_of(&self, args: &[&str], input: &[u8]) -> Result<String> {
        let out = self.run(args, Some(input))?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }
}

/// `git` without any repository or configuration of the machine's user.
pub(crate) fn bare_command() -> Command {
    let mut command = Command::new("git");
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("GIT_") {
            command.env_remove(key);
        }
    }
    command
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C");
    command
}

/// Runs `command` (`args` name it in errors) with `input` on its standard input.
fn output(command: &mut Command, args: &[&str], input: Option<&[u8]>) -> Result<Output> {
    let not_run = |e: std::io::Error| Error::Git {
        command: format!("git {}", args.join(" ")),
        message: format!("could not run git: {e}"),
    };
    command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(not_run)?;
    let Some(input) = input else {
        return child.wait_with_output().map_err(not_run);
    };
    let mut stdin = child.stdin.take().expect("piped");
    // Written from a thread: git may fill its output pipe before it has read all input.
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().map_err(not_run)?;
    let written = writer.join().expect("writing does not panic");
    if output.status.success() {
        written.map_err(not_run)?;
    }
    Ok(output)
}

fn failed(args: &[&str], output: &Output) -> Error {
    Error::Git {
        command: format!("git {}", args.join(" ")),
        message: format!(
            "{}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ),
    }
}
