//! Records the commit the binary is built from, for `--version` and the manifests:
//! `SPECA_DOCS_COMMIT` when the build sets it (a release workflow), else `git rev-parse`, else
//! "unknown" (a source archive without git).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SPECA_DOCS_COMMIT");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
    let commit = std::env::var("SPECA_DOCS_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            let output = Command::new("git")
                .args(["rev-parse", "--short=12", "HEAD"])
                .output()
                .ok()?;
            output
                .status
                .success()
                .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
        })
        .filter(|c| c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=SPECA_DOCS_COMMIT={commit}");
}
