//! `wasm-bindgen`: wasm-bindgen-cli's own command, from its library, at the version the
//! workspace pins (the same as the `wasm-bindgen` crate's, which its output must match).

fn main() -> std::process::ExitCode {
    env_logger::init();
    match wasm_bindgen_cli::wasm_bindgen::run_cli_with_args(std::env::args_os()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:?}");
            std::process::ExitCode::FAILURE
        }
    }
}
