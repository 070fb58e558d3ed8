// Rebuild when the embedded problems change (include_dir does not track them).
fn main() {
    println!("cargo:rerun-if-changed=../../problems");
}
