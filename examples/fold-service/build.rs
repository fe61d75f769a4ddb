//! Compiles `proto/fold/v1/functions.proto` into the gRPC server and client
//! with a protobuf compiler written in Rust (protox), so building the
//! example needs no `protoc` on the machine.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto");
    let descriptors = protox::compile(["fold/v1/functions.proto"], ["proto"])?;
    tonic_prost_build::configure().compile_fds(descriptors)?;
    Ok(())
}
