//! What can be known of whole, non-negative numbers tied by sums: each
//! number's lowest and highest possible value (the highest maybe
//! unbounded), narrowed through every sum (`Σ coefficient · number = 0`)
//! and every "a part is at most its n" until nothing changes.

/// `Σ coefficient · number = 0`, the total first.
#[derive(Clone, Debug)]
pub(super) struct Equation(Vec<(usize, i64)>);

impl Equation {
    /// Terms with the same number twice are one term.
    pub(super) fn new(terms: Vec<(usize, i64)>) -> Equation {
        let mut merged: Vec<(usize, i64)> = Vec::with_capacity(terms.len());
        for (v, a) in terms {
            match merged.iter_mut().find(|(w, _)| *w == v) {
                Some(t) => t.1 += a,
                None => merged.push((v, a)),
            }
        }
        merged.retain(|(_, a)| *a != 0);
        Equation(merged)
    }

    pub(super) fn terms(&self) -> &[(usize, i64)] {
        &self.0
    }

    pub(super) fn has(&self, v: usize) -> bool {
        self.0.iter().any(|(w, _)| *w == v)
    }
}

/// The lowest and highest value each number can have (`None`: unbounded).
#[derive(Clone, Debug)]
pub(super) struct Bounds {
    lo: Vec<i128>,
    hi: Vec<Option<i128>>,
}

impl Bounds {
    /// Every number at least 0, unbounded above.
    pub(super) fn new(len: usize) -> Bounds {
        Bounds {
            lo: vec![0; len],
            hi: vec![None; len],
        }
    }

    pub(super) fn set(&mut self, v: usize, lo: u64, hi: Option<u64>) {
        self.lo[v] = i128::from(lo);
        self.hi[v] = hi.map(i128::from);
    }

    /// `v` is known exactly.
    pub(super) fn know(&mut self, v: usize, value: u64) {
        self.set(v, value, Some(value));
    }

    /// `v` lies in `lo..=hi` (a known value stays known).
    pub(super) fn narrow(&mut self, v: usize, lo: u64, hi: Option<u64>) {
        self.lo[v] = self.lo[v].max(i128::from(lo));
        if let Some(hi) = hi.map(i128::from) {
            self.hi[v] = Some(self.hi[v].map_or(hi, |h| h.min(hi)));
        }
    }

    pub(super) fn pinned(&self, v: usize) -> bool {
        self.hi[v] == Some(self.lo[v])
    }

    /// The width of what `num / n · scale` can be; with `rest` (`n − num`)
    /// also at least `1 − most rest / n`, at most `1 − least rest / n`.
    pub(super) fn rate_width(&self, num: usize, rest: Option<usize>, n: usize, scale: f64) -> f64 {
        let lo_n = self.lo[n].max(1) as f64;
        let hi_n = self.hi[n].map(|h| h.max(1) as f64);
        let low = |v: usize| hi_n.map_or(0.0, |h| self.lo[v] as f64 / h);
        let high = |v: usize| self.hi[v].map_or(f64::INFINITY, |h| h as f64 / lo_n);
        let (mut bottom, mut top) = (low(num), high(num));
        if let Some(rest) = rest {
            bottom = bottom.max(1.0 - high(rest));
            top = top.min(1.0 - low(rest));
        }
        (top - bottom) * scale
    }

    /// Narrows every number through `equations` and `below` (part, n)
    /// until nothing changes (or a generous number of rounds).
    pub(super) fn propagate(&mut self, equations: &[&[Equation]], below: &[(usize, usize)]) {
        for _ in 0..200 {
            let mut changed = false;
            for eq in equations.iter().flat_map(|e| e.iter()) {
                changed |= self.through(eq);
            }
            for &(part, n) in below {
                if let Some(h) = self.hi[n] {
                    if self.hi[part].is_none_or(|p| p > h) {
                        self.hi[part] = Some(h);
                        changed = true;
                    }
                }
                if self.lo[n] < self.lo[part] {
                    self.lo[n] = self.lo[part];
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// The least and the most `a · v` can be.
    fn term(&self, v: usize, a: i64) -> (Option<i128>, Option<i128>) {
        let a = i128::from(a);
        let (lo, hi) = (Some(self.lo[v] * a), self.hi[v].map(|h| h * a));
        if a > 0 {
            (lo, hi)
        } else {
            (hi, lo)
        }
    }

    /// One pass of `eq` over its numbers; whether any bound moved.
    fn through(&mut self, eq: &Equation) -> bool {
        let mut changed = false;
        for (i, &(v, a)) in eq.terms().iter().enumerate() {
            // a·v = −(the rest): the rest's least and most.
            let (mut least, mut most) = (Some(0i128), Some(0i128));
            for (j, &(w, b)) in eq.terms().iter().enumerate() {
                if i != j {
                    let (l, m) = self.term(w, b);
                    least = least.zip(l).map(|(x, y)| x + y);
                    most = most.zip(m).map(|(x, y)| x + y);
                }
            }
            // a·v ∈ [−most, −least].
            let (lo_av, hi_av) = (most.map(|m| -m), least.map(|l| -l));
            let a = i128::from(a);
            let (lo, hi) = if a > 0 {
                (
                    lo_av.map(|x| div_ceil(x, a)),
                    hi_av.map(|x| div_floor(x, a)),
                )
            } else {
                (
                    hi_av.map(|x| div_ceil(x, a)),
                    lo_av.map(|x| div_floor(x, a)),
                )
            };
            if let Some(lo) = lo.filter(|lo| *lo > self.lo[v]) {
                self.lo[v] = lo;
                changed = true;
            }
            if let Some(hi) = hi.filter(|hi| self.hi[v].is_none_or(|h| *hi < h)) {
                self.hi[v] = Some(hi.max(self.lo[v]));
                changed = true;
            }
        }
        changed
    }
}

fn div_floor(x: i128, a: i128) -> i128 {
    let q = x / a;
    if (x % a != 0) && ((x < 0) != (a < 0)) {
        q - 1
    } else {
        q
    }
}

fn div_ceil(x: i128, a: i128) -> i128 {
    let q = x / a;
    if (x % a != 0) && ((x < 0) == (a < 0)) {
        q + 1
    } else {
        q
    }
}
