/*!
Variable-time Montgomery arithmetic for the prime search's Miller–Rabin filter, sized for the
machine it runs on.

The numbers are held in limbs of [`radix28`] (28 bits in a `u32`, for wasm32, whose only wide
multiplication is 64 × 64 → 64 bits: a 28 × 28-bit product fits with room to add up more than
two hundred of them) or [`radix56`] (56 bits in a `u64`, products added up in a `u128`, for
64-bit machines). Multiplication scans products column by column (Comba) with the carries left
in the accumulator, so the inner loop is one multiplication and one addition (in wasm, four
at a time in 128-bit SIMD: [`dot32_scalar`]'s SIMD twin), and Montgomery's
reduction runs in the same columns (Koç's FIPS order). With `R = 2^(limbs × radix) > 4N`,
inputs and results below `2N` need no final subtraction (Walter).

Everything here is **variable time** and for public or throw-away numbers only: the candidates
of the search, most of them composites. A prime found is confirmed by crypto-primes' Baillie–PSW
test and the key is built, and used for signing, by `rsa`'s constant-time arithmetic.
*/

macro_rules! radix {
    ($module:ident, $limb:ty, $acc:ty, $bits:expr, $dot:ident, $doc:literal) => {
        #[doc = $doc]
        #[allow(clippy::unnecessary_cast, trivial_numeric_casts)]
        pub mod $module {
            /// Bits in a limb.
            pub const BITS: u32 = $bits;
            const MASK: Limb = ((1u64 << BITS) - 1) as Limb;
            type Acc = $acc;
            /// A limb: `BITS` bits in a machine word.
            pub type Limb = $limb;

            #[inline(always)]
            fn mul(a: Limb, b: Limb) -> Acc {
                (a as Acc) * (b as Acc)
            }

            /// `Σ x[i] · y[i]`; the slices have the same length.
            #[inline(always)]
            fn dot(x: &[Limb], y: &[Limb]) -> Acc {
                super::$dot(x, y)
            }

            /// The limbs (least significant first) of `bytes` (big-endian), `len` of them;
            /// `None` if the number does not fit.
            pub fn from_be(bytes: &[u8], len: usize) -> Option<Vec<Limb>> {
                let mut limbs = vec![0 as Limb; len];
                let mut bit = 0usize;
                for &byte in bytes.iter().rev() {
                    let (i, shift) = (bit / BITS as usize, bit % BITS as usize);
                    if byte != 0 {
                        *limbs.get_mut(i)? |= ((u64::from(byte) << shift) as Limb) & MASK;
                        let spill = u64::from(byte)
                            .checked_shr(BITS - shift as u32)
                            .unwrap_or(0);
                        if spill != 0 {
                            *limbs.get_mut(i + 1)? |= spill as Limb;
                        }
                    }
                    bit += 8;
                }
                Some(limbs)
            }

            /// `limbs` as `len` big-endian bytes (the value must fit).
            pub fn to_be(limbs: &[Limb], len: usize) -> Vec<u8> {
                let mut out = vec![0u8; len];
                for (k, byte) in out.iter_mut().rev().enumerate() {
                    let bit = 8 * k;
                    let (i, shift) = (bit / BITS as usize, bit % BITS as usize);
                    let mut v = u64::from(limbs.get(i).copied().unwrap_or(0)) >> shift;
                    if shift + 8 > BITS as usize {
                        v |= u64::from(limbs.get(i + 1).copied().unwrap_or(0))
                            << (BITS as usize - shift);
                    }
                    *byte = v as u8;
                }
                out
            }

            /// `a ≥ b`, both normalised limbs of the same length.
            fn geq(a: &[Limb], b: &[Limb]) -> bool {
                for (x, y) in a.iter().zip(b).rev() {
                    if x != y {
                        return x > y;
                    }
                }
                true
            }

            /// `a −= b` (`a ≥ b`).
            fn sub_assign(a: &mut [Limb], b: &[Limb]) {
                let mut borrow: Limb = 0;
                for (x, &y) in a.iter_mut().zip(b) {
                    let d = x.wrapping_sub(y).wrapping_sub(borrow);
                    borrow = d >> (Limb::BITS - 1);
                    *x = d & MASK;
                }
            }

            /// An odd modulus `N > 1` and what Montgomery arithmetic modulo it needs.
            #[derive(Clone, Debug)]
            pub struct Modulus {
                n: Vec<Limb>,
                /// `n` in reverse order, so that column sums run over two forward slices.
                reversed: Vec<Limb>,
                two_n: Vec<Limb>,
                /// `−N⁻¹ mod 2^BITS`.
                n0inv: Limb,
                /// `R mod N`, the Montgomery form of 1.
                one: Vec<Limb>,
                /// `N − (R mod N)`, the Montgomery form of `N − 1`.
                minus_one: Vec<Limb>,
                bits: usize,
            }

            /// Scratch space for one multiplication, reused.
            #[derive(Debug)]
            pub struct Scratch {
                q: Vec<Limb>,
                rev: Vec<Limb>,
                twice: Vec<Limb>,
            }

            impl Modulus {
                /// `N` from big-endian bytes: `None` unless it is odd and above 1.
                pub fn new(be: &[u8]) -> Option<Modulus> {
                    let first = be.iter().position(|&b| b != 0)?;
                    let bits = 8 * (be.len() - first) - be[first].leading_zeros() as usize;
                    // R = 2^(len · BITS) > 4N.
                    let len = (bits + 2).div_ceil(BITS as usize);
                    let n = from_be(be, len)?;
                    if n[0] & 1 == 0 || bits < 2 {
                        return None;
                    }
                    // Newton's iteration doubles the correct low bits of the inverse each time.
                    let n0 = u64::from(n[0]);
                    let mut inv = 1u64;
                    for _ in 0..6 {
                        inv = inv.wrapping_mul(2u64.wrapping_sub(n0.wrapping_mul(inv)));
                    }
                    let n0inv = (inv.wrapping_neg() as Limb) & MASK;
                    let mut two_n = n.clone();
                    double_plain(&mut two_n);
                    let reversed = n.iter().rev().copied().collect();
                    let mut m = Modulus {
                        n,
                        reversed,
                        two_n,
                        n0inv,
                        one: Vec::new(),
                        minus_one: Vec::new(),
                        bits,
                    };
                    // R mod N: 1 doubled len · BITS times, modulo N.
                    let mut one = vec![0 as Limb; len];
                    one[0] = 1;
                    for _ in 0..len * BITS as usize {
                        m.double_mod_n(&mut one);
                    }
                    let mut minus_one = m.n.clone();
                    sub_assign(&mut minus_one, &one);
                    m.one = one;
                    m.minus_one = minus_one;
                    Some(m)
                }

                /// Limbs in a number modulo `N`.
                pub fn len(&self) -> usize {
                    self.n.len()
                }

                /// Always false: a modulus has limbs.
                pub fn is_empty(&self) -> bool {
                    self.n.is_empty()
                }

                /// Scratch space for [`Modulus::mul`] and [`Modulus::sqr`].
                pub fn scratch(&self) -> Scratch {
                    let len = self.len();
                    Scratch {
                        q: vec![0; len],
                        rev: vec![0; len],
                        twice: vec![0; len],
                    }
                }

                /// `x = 2x mod N` for `x < N`.
                fn double_mod_n(&self, x: &mut [Limb]) {
                    double_plain(x);
                    if geq(x, &self.n) {
                        sub_assign(x, &self.n);
                    }
                }

                /// `x = 2x`, kept below `2N`, for `x < 2N`: in Montgomery form, a
                /// multiplication by 2.
                pub fn double(&self, x: &mut [Limb]) {
                    double_plain(x);
                    if geq(x, &self.two_n) {
                        sub_assign(x, &self.two_n);
                    }
                }

                /// `x mod N` for `x < 2N`.
                pub fn reduce(&self, x: &mut [Limb]) {
                    if geq(x, &self.n) {
                        sub_assign(x, &self.n);
                    }
                }

                /// `out = a · b / R mod N`, below `2N`, for `a, b < 2N`.
                pub fn mul(&self, a: &[Limb], b: &[Limb], out: &mut [Limb], s: &mut Scratch) {
                    let n = self.len();
                    for (r, &x) in s.rev.iter_mut().zip(b.iter().rev()) {
                        *r = x;
                    }
                    let (rev, q) = (&s.rev, &mut s.q);
                    let mut acc: Acc = 0;
                    for k in 0..n {
                        // Column k: a[i]·b[k − i] and q[j]·N[k − j]; rev[n − 1 − k + i] = b[k − i].
                        acc += dot(&a[..=k], &rev[n - 1 - k..]);
                        acc += dot(&q[..k], &self.reversed[n - 1 - k..n - 1]);
                        let qk = ((acc as Limb) & MASK).wrapping_mul(self.n0inv) & MASK;
                        q[k] = qk;
                        acc += mul(qk, self.n[0]);
                        acc >>= BITS;
                    }
                    for k in n..2 * n - 1 {
                        let lo = k + 1 - n;
                        acc += dot(&a[lo..], &rev[..2 * n - 1 - k]);
                        acc += dot(&q[lo..], &self.reversed[..2 * n - 1 - k]);
                        out[k - n] = (acc as Limb) & MASK;
                        acc >>= BITS;
                    }
                    out[n - 1] = acc as Limb;
                }

                /// `out = a² / R mod N`, below `2N`, for `a < 2N`.
                pub fn sqr(&self, a: &[Limb], out: &mut [Limb], s: &mut Scratch) {
                    let n = self.len();
                    for ((r, t), &x) in s
                        .rev
                        .iter_mut()
                        .zip(s.twice.iter_mut().rev())
                        .zip(a.iter().rev())
                    {
                        *r = x;
                        *t = x << 1;
                    }
                    let (rev, twice, q) = (&s.rev, &s.twice, &mut s.q);
                    let mut acc: Acc = 0;
                    for k in 0..2 * n - 1 {
                        let lo = (k + 1).saturating_sub(n);
                        // The products a[i]·a[k − i] with i < k − i, doubled, then a[k/2]².
                        if k >= 1 {
                            let hi = (k - 1) / 2;
                            if hi >= lo {
                                acc += dot(&twice[lo..=hi], &rev[n + lo - 1 - k..n + hi - k]);
                            }
                        }
                        if k % 2 == 0 {
                            acc += mul(a[k / 2], a[k / 2]);
                        }
                        if k < n {
                            acc += dot(&q[..k], &self.reversed[n - 1 - k..n - 1]);
                            let qk = ((acc as Limb) & MASK).wrapping_mul(self.n0inv) & MASK;
                            q[k] = qk;
                            acc += mul(qk, self.n[0]);
                        } else {
                            acc += dot(&q[lo..], &self.reversed[..2 * n - 1 - k]);
                            out[k - n] = (acc as Limb) & MASK;
                        }
                        acc >>= BITS;
                    }
                    out[n - 1] = acc as Limb;
                }

                /// `a · R mod N` for `a < N` (slow: by doublings; for tests and set-up).
                pub fn to_mont(&self, a: &[Limb]) -> Vec<Limb> {
                    let mut x = a.to_vec();
                    for _ in 0..self.len() * BITS as usize {
                        self.double_mod_n(&mut x);
                    }
                    x
                }

                /// `x / R mod N`, below `N`, for `x < 2N`.
                pub fn from_mont(&self, x: &[Limb]) -> Vec<Limb> {
                    let mut one = vec![0 as Limb; self.len()];
                    one[0] = 1;
                    let mut out = vec![0 as Limb; self.len()];
                    self.mul(x, &one, &mut out, &mut self.scratch());
                    self.reduce(&mut out);
                    out
                }

                /// Bit `i` of `N`.
                fn bit(&self, i: usize) -> bool {
                    (self.n[i / BITS as usize] >> (i % BITS as usize)) & 1 == 1
                }

                /// `2^e` in Montgomery form (`2^e · R mod N`, below `2N`), `e`
                /// being bits `from..` of `N` (public: the exponent of a Miller–Rabin test to
                /// base 2 is `(N − 1) / 2^s`). Left to right: a squaring per bit, and a
                /// doubling, cheap, for each bit set.
                fn pow2_of_bits(&self, from: usize, s: &mut Scratch) -> Vec<Limb> {
                    let mut x = self.one.clone();
                    let mut y = zeroize::Zeroizing::new(vec![0 as Limb; self.len()]);
                    let top = self.bits - 1;
                    // The top bit is set: start from 2.
                    self.double(&mut x);
                    for i in (from..top).rev() {
                        self.sqr(&x, &mut y, s);
                        core::mem::swap(&mut x, &mut *y);
                        if self.bit(i) {
                            self.double(&mut x);
                        }
                    }
                    x
                }

                /// `a^e` in Montgomery form (below `2N`) for `a` in Montgomery form, `e` being
                /// bits `from..` of `N`: left to right, a squaring per bit and a
                /// multiplication by `a` for each bit set.
                fn pow_of_bits(&self, a: &[Limb], from: usize, s: &mut Scratch) -> Vec<Limb> {
                    let mut x = a.to_vec();
                    let mut y = zeroize::Zeroizing::new(vec![0 as Limb; self.len()]);
                    // The top bit is set: start from a.
                    for i in (from..self.bits - 1).rev() {
                        self.sqr(&x, &mut y, s);
                        if self.bit(i) {
                            self.mul(&y, a, &mut x, s);
                        } else {
                            core::mem::swap(&mut x, &mut *y);
                        }
                    }
                    x
                }

                /// The Miller–Rabin test to base 2: `false` means `N` is composite, `true`
                /// that it is a strong probable prime to base 2. `N` must be above 3.
                pub fn miller_rabin_base_2(&self) -> bool {
                    self.miller_rabin_with(|m, s, scratch| m.pow2_of_bits(s, scratch))
                }

                /// The Miller–Rabin test to base `a` (`1 < a < N − 1`, limbs as [`from_be`]
                /// gives them): `false` means `N` is composite. `N` must be above 3.
                pub fn miller_rabin(&self, a: &[Limb]) -> bool {
                    let base = zeroize::Zeroizing::new(self.to_mont(a));
                    self.miller_rabin_with(|m, s, scratch| m.pow_of_bits(&base, s, scratch))
                }

                /// The test, with `a^d` (Montgomery form, below `2N`) from `power(self, s, …)`
                /// where `N − 1 = 2^s · d`.
                fn miller_rabin_with(
                    &self,
                    power: impl FnOnce(&Self, usize, &mut Scratch) -> Vec<Limb>,
                ) -> bool {
                    // N − 1 = 2^s · d with d odd; N is odd, so bit 0 of N − 1 is clear.
                    let Some(s) = (1..self.bits).find(|&i| self.bit(i)) else {
                        return false;
                    };
                    let mut scratch = self.scratch();
                    let mut x = zeroize::Zeroizing::new(power(self, s, &mut scratch));
                    let mut y = zeroize::Zeroizing::new(vec![0 as Limb; self.len()]);
                    self.reduce(&mut x);
                    if *x == self.one || *x == self.minus_one {
                        return true;
                    }
                    for _ in 1..s {
                        self.sqr(&x, &mut y, &mut scratch);
                        core::mem::swap(&mut x, &mut y);
                        self.reduce(&mut x);
                        if *x == self.minus_one {
                            return true;
                        }
                        if *x == self.one {
                            return false;
                        }
                    }
                    false
                }
            }

            // The numbers are candidates for secret primes: wiped when dropped.
            impl Drop for Modulus {
                fn drop(&mut self) {
                    use zeroize::Zeroize as _;
                    self.n.zeroize();
                    self.reversed.zeroize();
                    self.two_n.zeroize();
                    self.one.zeroize();
                    self.minus_one.zeroize();
                }
            }

            impl Drop for Scratch {
                fn drop(&mut self) {
                    use zeroize::Zeroize as _;
                    self.q.zeroize();
                    self.rev.zeroize();
                    self.twice.zeroize();
                }
            }

            /// `x = 2x` with the carries propagated (the value must fit).
            fn double_plain(x: &mut [Limb]) {
                let mut carry: Limb = 0;
                for limb in x.iter_mut() {
                    let v = (*limb << 1) | carry;
                    carry = v >> BITS;
                    *limb = v & MASK;
                }
            }
        }
    };
}

/// `Σ x[i] · y[i]` of 32-bit limbs below 2^28 or 2^29 (the slices have the same length): in wasm with
/// 128-bit SIMD, `dot32_simd128`; elsewhere [`dot32_scalar`].
#[inline(always)]
fn dot32(x: &[u32], y: &[u32]) -> u64 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        dot32_simd128(x, y)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        dot32_scalar(x, y)
    }
}

/// `Σ x[i] · y[i]`, one product at a time (the slices have the same length).
#[inline(always)]
pub fn dot32_scalar(x: &[u32], y: &[u32]) -> u64 {
    let mut sum = 0u64;
    for (&a, &b) in x.iter().zip(y) {
        sum += u64::from(a) * u64::from(b);
    }
    sum
}

/// `Σ x[i] · y[i]` in wasm's 128-bit SIMD (the slices have the same length): four limbs of each
/// at a time, multiplied 32 × 32 → 64 bits two by two (`i64x2.extmul_low_i32x4_u`,
/// `i64x2.extmul_high_i32x4_u`) into two pairs of 64-bit sums; the last limbs one at a time.
/// Limbs are below 2^28, or 2^29 on one side only (doubled, in a squaring), so each product is
/// below 2^57 and 2^7 of them add up without overflow, as in [`dot32_scalar`] (the longest
/// column of a 2048-bit number has 74).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
pub fn dot32_simd128(x: &[u32], y: &[u32]) -> u64 {
    use core::arch::wasm32::{
        i64x2_add, u32x4, u32x4_splat, u64x2, u64x2_extmul_high_u32x4, u64x2_extmul_low_u32x4,
        u64x2_extract_lane, v128_and,
    };
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    let mut lo = u64x2(0, 0);
    let mut hi = u64x2(0, 0);
    let (xs, ys) = (x.chunks_exact(4), y.chunks_exact(4));
    let (xr, yr) = (xs.remainder(), ys.remainder());
    // Limbs are below 2^29 (2^28, doubled in a squaring), so the mask changes nothing; it keeps
    // LLVM from folding each load into two zero-extending `v128.load32x2_u`s multiplied by
    // `i64x2.mul`, which V8 emulates with several instructions (an `extmul` is one).
    let mask = u32x4_splat(0x7FFF_FFFF);
    for (a, b) in xs.zip(ys) {
        let a = v128_and(u32x4(a[0], a[1], a[2], a[3]), mask);
        let b = v128_and(u32x4(b[0], b[1], b[2], b[3]), mask);
        lo = i64x2_add(lo, u64x2_extmul_low_u32x4(a, b));
        hi = i64x2_add(hi, u64x2_extmul_high_u32x4(a, b));
    }
    let sum = i64x2_add(lo, hi);
    u64x2_extract_lane::<0>(sum) + u64x2_extract_lane::<1>(sum) + dot32_scalar(xr, yr)
}

/// `Σ x[i] · y[i]` of 64-bit limbs below 2^56 (the slices have the same length).
#[inline(always)]
fn dot64(x: &[u64], y: &[u64]) -> u128 {
    let mut sum = 0u128;
    for (&a, &b) in x.iter().zip(y) {
        sum += u128::from(a) * u128::from(b);
    }
    sum
}

radix!(
    radix28,
    u32,
    u64,
    28,
    dot32,
    "28-bit limbs in `u32`s, column sums in a `u64`: for wasm32 (64 × 64 → 64-bit products only)."
);
radix!(
    radix56,
    u64,
    u128,
    56,
    dot64,
    "56-bit limbs in `u64`s, column sums in a `u128`: for 64-bit machines (64 × 64 → 128-bit products)."
);

/// The arithmetic of this machine: [`radix28`] in wasm32, [`radix56`] elsewhere.
#[cfg(target_pointer_width = "32")]
pub use radix28 as native;
/// The arithmetic of this machine: [`radix28`] in wasm32, [`radix56`] elsewhere.
#[cfg(not(target_pointer_width = "32"))]
pub use radix56 as native;

/// The Miller–Rabin test to base 2 of an odd `candidate` (big-endian) above 3, in this machine's
/// arithmetic: `false` means composite.
pub fn miller_rabin_base_2(candidate: &[u8]) -> bool {
    native::Modulus::new(candidate).is_some_and(|m| m.miller_rabin_base_2())
}

/// The Miller–Rabin test to base `base` (big-endian, `1 < base < candidate − 1`) of an odd
/// `candidate` (big-endian) above 3, in this machine's arithmetic: `false` means composite (or
/// a base out of range).
pub fn miller_rabin(candidate: &[u8], base: &[u8]) -> bool {
    let Some(m) = native::Modulus::new(candidate) else {
        return false;
    };
    let Some(a) = native::from_be(base, m.len()) else {
        return false;
    };
    m.miller_rabin(&a)
}

/// The odd primes below `bound` (a sieve of Eratosthenes), for the search's sieve.
pub fn odd_primes_below(bound: u32) -> Vec<u32> {
    let n = bound as usize;
    let mut composite = vec![false; n];
    let mut primes = Vec::with_capacity(n / 10);
    for i in (3..n).step_by(2) {
        if composite[i] {
            continue;
        }
        primes.push(i as u32);
        // i² overflows a 32-bit usize (wasm32) for i ≥ 2^16; it is then past any bound below
        // 2^32, and there is nothing to strike.
        let Some(mut j) = i.checked_mul(i) else {
            continue;
        };
        while j < n {
            composite[j] = true;
            j += 2 * i;
        }
    }
    primes
}

/// Which of the `window` odd candidates `start + 2i` (`start` odd, big-endian) have no factor
/// among `primes` (odd primes below 2^21) and are not `≡ 1 mod e` (then `e` would divide
/// `p − 1`).
///
/// Each remainder of the start is taken in floating point, over the start's 32-bit words: for a
/// modulus `m < 2^21` every step `r · 2^32 + w < 2^53` is exact in an `f64`, and a multiplication
/// by `1/m` (then one correction) replaces an integer division, several times dearer, in wasm
/// above all.
///
/// # Panics
/// Never; a prime of `primes` or an `e` of 2^21 or more is skipped (its remainders would not be
/// exact).
pub fn sieve(start: &[u8], primes: &[u32], e: u32, window: usize) -> Vec<bool> {
    use zeroize::Zeroizing;
    const LIMIT: u32 = 1 << 21;
    let words: Zeroizing<Vec<f64>> = Zeroizing::new(
        start
            .rchunks(4)
            .rev()
            .map(|c| f64::from(c.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b))))
            .collect(),
    );
    let rem = |m: u64| -> u64 {
        let mf = m as f64;
        let inv = 1.0 / mf;
        let mut r = 0.0f64;
        for &w in words.iter() {
            let x = r * 4_294_967_296.0 + w;
            let mut t = x - (x * inv).floor() * mf;
            if t < 0.0 {
                t += mf;
            } else if t >= mf {
                t -= mf;
            }
            r = t;
        }
        r as u64
    };
    let mut alive = vec![true; window];
    let span = window as u64;
    let mut strike = |first: u64, step: u64| {
        let mut i = first;
        while i < span {
            alive[i as usize] = false;
            i += step;
        }
    };
    if (3..LIMIT).contains(&e) {
        // start + 2i ≡ 1 (mod e)  ⇔  i ≡ (1 − r) · 2⁻¹ (mod e).
        let m = u64::from(e);
        let r = rem(m);
        strike((m + 1 - r) % m * m.div_ceil(2) % m, m);
    }
    for &p in primes.iter().filter(|&&p| (3..LIMIT).contains(&p)) {
        let m = u64::from(p);
        let r = rem(m);
        // start + 2i ≡ 0 (mod m)  ⇔  i ≡ (m − r) · 2⁻¹ (mod m), and 2⁻¹ = (m + 1) / 2.
        strike((m - r) % m * m.div_ceil(2) % m, m);
    }
    alive
}
