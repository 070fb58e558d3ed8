// Rebuild when the embedded runners change (include_dir does not track them).
fn main() {
    println!("cargo:rerun-if-changed=../../runners");
}
