//! Kid planning (`golive::kids::planned_kids`) for 1,000, 10,000 and 100,000 applications,
//! beside a linear peer measured in the same run: the same number of kids formatted and put in a
//! `HashSet` (what any planning must at least do). Two shapes: the default template, and a
//! template whose kids all collide (`{env}-{date}`: every kid after the first needs a `-N`
//! suffix), the worst case, which was O(N³) before the planning kept a set and a counter per base.
//!
//! `cargo bench -p ers-rules --bench kids` (or `cargo xtask bench kids`). Prints figures; asserts
//! nothing.

use std::collections::HashSet;
use std::hint::black_box;
use std::time::Duration;

use ers_test_support::median_time as median;

use ers_rules::golive::{ApplicationInput, kids};

const DATE: &str = "2026-12-01";

fn applications(n: usize) -> Vec<ApplicationInput> {
    (0..n)
        .map(|i| ApplicationInput {
            access_mode: "user-restricted".into(),
            organisation: format!("Organisation {i} NHS Foundation Trust"),
            ods_code: format!("R{i:05}"),
            ..Default::default()
        })
        .collect()
}

/// The peer: `n` kids formatted and inserted in a set, nothing else.
fn peer(n: usize) -> usize {
    let mut set = HashSet::with_capacity(n);
    for i in 0..n {
        set.insert(format!("prod-r{i:05}-ur-{DATE}"));
    }
    set.len()
}

fn main() {
    println!("kid planning (median), beside the peer (n kids formatted into a HashSet):");
    for n in [1_000, 10_000, 100_000] {
        let apps = applications(n);
        let runs = if n >= 100_000 { 5 } else { 21 };
        let distinct = median(
            || {
                black_box(kids::planned_kids(&apps, kids::DEFAULT_TEMPLATE, DATE).ok());
            },
            runs,
        );
        let colliding = median(
            || {
                black_box(kids::planned_kids(&apps, "{env}-{date}", DATE).ok());
            },
            runs,
        );
        let base = median(
            || {
                black_box(peer(n));
            },
            runs,
        );
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {n:>7} applications: default template {:8.2} ms ({:.1}× peer), all colliding {:8.2} ms ({:.1}× peer); peer {:7.2} ms",
            ms(distinct),
            ms(distinct) / ms(base),
            ms(colliding),
            ms(colliding) / ms(base),
            ms(base)
        );
    }
}
