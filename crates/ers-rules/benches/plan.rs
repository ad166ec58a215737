//! 10,000 end-user organisations × all three ways of reaching e-RS (+ an APIM service), planned
//! and exported as CSV, Markdown and JSON. Goal: ≤ 50 ms natively. Prints the median of several
//! runs, and ratios against two peers measured in the same run: serde_json serialising the same
//! plan, and a naive CSV writer built on `format!` per cell.
//!
//! `cargo bench -p ers-rules --features serde --bench plan`

use std::hint::black_box;
use std::time::{Duration, Instant};

use ers_rules::plan::{
    Access, Euo, Plan, PlanRequest, Service, plan, to_csv, to_json, to_markdown,
};

const EUOS: usize = 10_000;
const RUNS: usize = 21;
const GOAL: Duration = Duration::from_millis(50);

fn request() -> PlanRequest {
    PlanRequest {
        product: "Care Vista Link".into(),
        supplier: Some("Care Vista".into()),
        euos: (0..EUOS)
            .map(|i| {
                Euo::new(
                    format!("Organisation {i} NHS Foundation Trust"),
                    Some(&format!("R{i:05}")),
                )
            })
            .collect(),
        access: Access::ALL.to_vec(),
        services: vec![Service::named("PDS"), Service::named("NEMS")],
        ..PlanRequest::default()
    }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort_unstable();
    runs[runs.len() / 2]
}

fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    let mut runs = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        black_box(f());
        runs.push(start.elapsed());
    }
    median(runs)
}

/// The naive peer: every cell through `format!`, always quoted, one `String` per row.
fn naive_csv(plan: &Plan) -> String {
    let mut rows: Vec<String> = Vec::new();
    for a in &plan.asids {
        let app = a.application_index.map(|i| &plan.applications[i]);
        let cells = [
            a.organisation.to_string(),
            a.ods_code.as_deref().unwrap_or_default().to_owned(),
            format!("{}", a.number),
            a.name.clone(),
            a.access_mode.map(|m| m.id().to_owned()).unwrap_or_default(),
            a.purpose.to_string(),
            app.map(|p| p.name.clone()).unwrap_or_default(),
            app.map(|p| p.api.to_owned()).unwrap_or_default(),
        ];
        let quoted: Vec<String> = cells
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect();
        rows.push(quoted.join(","));
    }
    rows.join("\r\n")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let req = request();
    let Ok(p) = plan(&req) else {
        eprintln!("the benchmark's request did not plan");
        std::process::exit(1);
    };
    let plan_t = time(|| plan(&req).map(|p| p.totals.asids).unwrap_or(0));
    let csv_t = time(|| to_csv(&p).len());
    let md_t = time(|| to_markdown(&p).len());
    let json_t = time(|| to_json(&p).map(|s| s.len()).unwrap_or(0));
    let all_t = time(|| {
        let Ok(p) = plan(&req) else { return 0 };
        to_csv(&p).len() + to_markdown(&p).len() + to_json(&p).map(|s| s.len()).unwrap_or(0)
    });
    let plan_csv_t = time(|| {
        let Ok(p) = plan(&req) else { return 0 };
        to_csv(&p).len()
    });
    let serde_t = time(|| serde_json::to_string(&p).map(|s| s.len()).unwrap_or(0));
    let naive_t = time(|| naive_csv(&p).len());

    println!(
        "plan bench: {EUOS} EUOs × 3 access modes + APIM ASID = {} ASIDs, {} applications (median of {RUNS} runs)",
        p.totals.asids, p.totals.applications
    );
    println!("  plan                       {:8.2} ms", ms(plan_t));
    println!(
        "  export CSV                 {:8.2} ms ({} bytes)",
        ms(csv_t),
        to_csv(&p).len()
    );
    println!("  export Markdown            {:8.2} ms", ms(md_t));
    println!("  export JSON (pretty)       {:8.2} ms", ms(json_t));
    println!(
        "  plan + CSV export          {:8.2} ms   goal ≤ {} ms: {}",
        ms(plan_csv_t),
        GOAL.as_millis(),
        if plan_csv_t <= GOAL { "met" } else { "NOT met" }
    );
    println!(
        "  plan + all three exports   {:8.2} ms   goal ≤ {} ms: {}",
        ms(all_t),
        GOAL.as_millis(),
        if all_t <= GOAL { "met" } else { "NOT met" }
    );
    println!(
        "  peer serde_json::to_string {:8.2} ms   plan+exports / peer = {:.2}×",
        ms(serde_t),
        all_t.as_secs_f64() / serde_t.as_secs_f64()
    );
    println!(
        "  peer naive format! CSV     {:8.2} ms   our CSV / naive = {:.2}×",
        ms(naive_t),
        csv_t.as_secs_f64() / naive_t.as_secs_f64()
    );
}
