//! Freed memory holds no key material on the command line: `ers-golive` runs on 1Password's
//! `zeroizing-alloc` (`ZeroAlloc<System>`, its global allocator), which wipes every heap block as
//! it is freed — the copies of p, q, d and λ that rsa and crypto-bigint free without wiping them
//! among them. Here the same allocator wraps a witness that looks at each block as it reaches
//! the system allocator: while a 2048-bit key is made, signed with and dropped, every block
//! freed must be zeros. The witness is checked first, without the wipe, to see the dirty blocks
//! any program frees (so it is not blind).
//!
//! This file is the workspace's one place with `unsafe`: a global allocator is an unsafe trait,
//! and the witness reads each block before it is freed (`cargo test -p xtask` checks that no
//! other file allows unsafe code).
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use ers_keys::keypair::{self, KeyOptions};
use ers_keys::pem::PrivateKeyFormat;
use zeroizing_alloc::ZeroAlloc;

static WATCHING: AtomicBool = AtomicBool::new(false);
static WIPING: AtomicBool = AtomicBool::new(true);
static FREED: AtomicUsize = AtomicUsize::new(0);
static DIRTY: AtomicUsize = AtomicUsize::new(0);
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Counts, while watching, the blocks freed and those not all zeros.
struct Witness;

// SAFETY: every call is passed to the system allocator as it came; `dealloc` reads the block
// it is given (valid for `layout.size()` bytes until it is freed) before freeing it.
unsafe impl GlobalAlloc for Witness {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if WATCHING.load(Ordering::Relaxed) {
            // SAFETY: `ptr` is a live block of `layout.size()` bytes until freed below.
            let block = unsafe { core::slice::from_raw_parts(ptr, layout.size()) };
            FREED.fetch_add(1, Ordering::Relaxed);
            if block.iter().any(|&b| b != 0) {
                DIRTY.fetch_add(1, Ordering::Relaxed);
            }
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// The command line's allocator around the witness, with a switch to leave the wipe out.
struct Switch;

// SAFETY: each call goes to `ZeroAlloc<Witness>` or straight to `Witness`, both sound.
unsafe impl GlobalAlloc for Switch {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        unsafe { ZeroAlloc(Witness).alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe {
            if WIPING.load(Ordering::Relaxed) {
                ZeroAlloc(Witness).dealloc(ptr, layout);
            } else {
                Witness.dealloc(ptr, layout);
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: Switch = Switch;

/// Makes a 2048-bit key (PKCS#8, encrypted), signs a client assertion with it and drops it all,
/// watching every block freed meanwhile; returns (freed, dirty).
fn key_lifetime(wipe: bool) -> (usize, usize) {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    WIPING.store(wipe, Ordering::SeqCst);
    FREED.store(0, Ordering::SeqCst);
    DIRTY.store(0, Ordering::SeqCst);
    WATCHING.store(true, Ordering::SeqCst);
    {
        let options = KeyOptions {
            bits: 2048,
            kid: Some("wiped-1".to_owned()),
            format: PrivateKeyFormat::Pkcs8,
            passphrase: Some(zeroize::Zeroizing::new("correct horse".to_owned())),
        };
        let pair = keypair::generate(&options).expect("a key");
        assert!(pair.private_key_pem.contains("ENCRYPTED PRIVATE KEY"));
        drop(pair);
    }
    WATCHING.store(false, Ordering::SeqCst);
    WIPING.store(true, Ordering::SeqCst);
    (FREED.load(Ordering::SeqCst), DIRTY.load(Ordering::SeqCst))
}

#[test]
fn every_block_freed_while_a_key_is_made_is_wiped() {
    // Without the wipe, the witness sees what a program frees: most blocks hold data.
    let (freed, dirty) = key_lifetime(false);
    println!("without the wipe: {dirty} of {freed} freed blocks held data");
    assert!(freed > 50, "the witness saw {freed} blocks freed");
    assert!(
        dirty > freed / 4,
        "without the wipe, only {dirty} of {freed} freed blocks held data: is the witness blind?"
    );
    // With the command line's allocator, none does: rsa's and crypto-bigint's copies included.
    let (freed, dirty) = key_lifetime(true);
    println!("with zeroizing-alloc: {dirty} of {freed} freed blocks held data");
    assert!(freed > 50, "the witness saw {freed} blocks freed");
    assert_eq!(
        dirty, 0,
        "{dirty} of {freed} blocks were freed with data in them"
    );
}
