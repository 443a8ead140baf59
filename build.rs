//! Link options for the `charter-tracker` executable.
//!
//! On Linux with glibc, its relative relocations are packed (`-z pack-relative-relocs`, DT_RELR;
//! GNU ld 2.38 and glibc 2.36 onwards): the table the dynamic loader reads at every start shrinks
//! from 1.7 MB (71,000 entries of 24 bytes) to a few kilobytes, and so does the memory it takes
//! (README, Performance: "Memory").
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
