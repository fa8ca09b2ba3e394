//! How many bytes one piece of a streamed document may take: the header
//! (everything outside the records array) at most [`HEADER`], each record at
//! most [`MAX_LINE`](super::MAX_LINE). serde_json holds a whole string
//! before it hands it on, so without a bound a 200 MB string in the header
//! would be held two or three times over before anything could refuse it;
//! with it, the reader stops once the piece has taken its bytes.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

/// The most bytes the header of a document may take: far more than the
/// definitions of any programme.
pub const HEADER: u64 = 16 << 20;

/// The bytes left for the piece being read, shared by the reader and the
/// seeds that know where a piece begins.
#[derive(Clone, Debug)]
pub struct Budget {
    left: Rc<Cell<u64>>,
    /// The size of the current piece, once it ran out (for the message).
    exceeded: Rc<Cell<Option<u64>>>,
    size: Rc<Cell<u64>>,
}

impl Budget {
    /// A budget of `bytes` for the first piece.
    pub fn new(bytes: u64) -> Budget {
        Budget {
            left: Rc::new(Cell::new(bytes)),
            exceeded: Rc::new(Cell::new(None)),
            size: Rc::new(Cell::new(bytes)),
        }
    }

    /// A new piece begins, which may take `bytes`.
    pub fn reset(&self, bytes: u64) {
        self.left.set(bytes);
        self.size.set(bytes);
    }

    /// The size of the piece that ran out of bytes, if one did.
    pub fn exceeded(&self) -> Option<u64> {
        self.exceeded.get()
    }

    /// `inner`, read within this budget.
    pub fn reader<R: Read>(&self, inner: R) -> Limited<R> {
        Limited {
            inner,
            budget: self.clone(),
        }
    }
}

/// A reader that fails once its budget's piece has taken all its bytes.
pub struct Limited<R> {
    inner: R,
    budget: Budget,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.budget.left.get();
        if left == 0 {
            self.budget.exceeded.set(Some(self.budget.size.get()));
            return Err(io::Error::other("a part of the document is too long"));
        }
        let n = usize::try_from(left).map_or(buf.len(), |l| l.min(buf.len()));
        let read = self.inner.read(&mut buf[..n])?;
        self.budget.left.set(left - read as u64);
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_stops_at_its_bytes_and_a_reset_gives_more() {
        let budget = Budget::new(4);
        let mut r = budget.reader(&b"abcdefgh"[..]);
        let mut buf = [0u8; 8];
        assert_eq!(r.read(&mut buf).unwrap(), 4);
        assert!(r.read(&mut buf).is_err());
        assert_eq!(budget.exceeded(), Some(4));
        budget.reset(8);
        assert_eq!(r.read(&mut buf).unwrap(), 4);
    }
}
