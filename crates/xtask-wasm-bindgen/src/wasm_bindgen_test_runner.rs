//! `ers-wasm-bindgen-test-runner`: wasm-bindgen-cli's test runner, from its library, at the
//! version the workspace pins; cargo runs it for the wasm32 tests
//! (`CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER`).

fn main() -> anyhow::Result<()> {
    env_logger::init();
    wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(std::env::args_os())
}
