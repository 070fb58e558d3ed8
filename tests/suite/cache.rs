//! The compile cache (`judge_engine::cache`) through the real binary: hits,
//! misses, a corrupted entry, two judges at once.

use crate::support::{judge, repo};
use std::path::Path;

fn run_cpp(cache: &Path, file: &Path) -> serde_json::Value {
    let out = judge()
        .env("JUDGE_CACHE_DIR", cache)
        .arg("run")
        .arg(file)
        .args(["--samples", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn cached(r: &serde_json::Value) -> bool {
    r["compile_cached"] == true
}

#[test]
fn unchanged_files_skip_compilation_and_changes_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = dir.path().join("top_k_sampling.cpp");
    std::fs::copy(repo().join("examples/top_k_sampling.cpp"), &file).unwrap();
    let first = run_cpp(&cache, &file);
    assert_eq!((first["verdict"].as_str(), cached(&first)), (Some("AC"), false), "{first:#}");
    let second = run_cpp(&cache, &file);
    assert_eq!((second["verdict"].as_str(), cached(&second)), (Some("AC"), true), "{second:#}");
    // Any change to the source is a miss.
    let mut src = std::fs::read_to_string(&file).unwrap();
    src.push_str("\n// edited\n");
    std::fs::write(&file, src).unwrap();
    let third = run_cpp(&cache, &file);
    assert_eq!((third["verdict"].as_str(), cached(&third)), (Some("AC"), false), "{third:#}");
    // A corrupted entry is rebuilt, never run.
    for entry in std::fs::read_dir(&cache).unwrap().flatten() {
        std::fs::write(entry.path().join("program"), b"#!/bin/sh\necho forged\n").unwrap();
    }
    let fourth = run_cpp(&cache, &file);
    assert_eq!((fourth["verdict"].as_str(), cached(&fourth)), (Some("AC"), false), "{fourth:#}");
    let fifth = run_cpp(&cache, &file);
    assert!(cached(&fifth), "stored again after the rebuild");
    // `judge cache clear` empties it.
    let out = judge().env("JUDGE_CACHE_DIR", &cache).args(["cache", "clear"]).output().unwrap();
    assert!(out.status.success());
    assert!(!cached(&run_cpp(&cache, &file)));
}

#[test]
fn two_judges_at_once_share_the_cache_safely() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = repo().join("examples/top_k_sampling.cpp");
    let reports: Vec<serde_json::Value> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3).map(|_| s.spawn(|| run_cpp(&cache, &file))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(reports.iter().all(|r| r["verdict"] == "AC"), "{reports:#?}");
    let entries: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(entries.len(), 1, "one entry, no leftovers: {entries:?}");
    assert!(cached(&run_cpp(&cache, &file)));
}
