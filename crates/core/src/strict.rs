//! Reading the export format exactly as its JSON Schema says, where serde's
//! derives are more lenient than the schema: an object written as an array
//! (`[…]` for a record or a measurement point, which the derive reads field
//! by field), a key written twice in a map (an answers or scores map, where
//! a `BTreeMap` keeps the last value), and an integer written `-0` or `2.0`
//! (valid integers by JSON Schema, floats to serde).
//!
//! `objects_only!` gives a type whose derives carry
//! `#[serde(remote = "Self")]` the trait impls that read it only from a JSON
//! object; [`unique`] reads maps (and maps of maps or of sets) that refuse a
//! repeated key; [`integer`] reads an integer the schema allows. Each error
//! is worded as serde words its own, so the importer sorts it the same way.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A deserializer that reads a struct only from a map: serde_json reads a
/// derived struct from an array too, which the format forbids.
pub(crate) struct MapOnly<D>(pub D);

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method($($arg,)* visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for MapOnly<D> {
    type Error = D::Error;

    forward! {
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
        deserialize_i32(), deserialize_i64(), deserialize_u8(), deserialize_u16(),
        deserialize_u32(), deserialize_u64(), deserialize_f32(), deserialize_f64(),
        deserialize_char(), deserialize_str(), deserialize_string(), deserialize_bytes(),
        deserialize_byte_buf(), deserialize_option(), deserialize_unit(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str), deserialize_seq(),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize), deserialize_map(),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_identifier(), deserialize_ignored_any(),
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }
}

/// `Serialize` and `Deserialize` for a struct whose derives carry
/// `#[serde(remote = "Self")]`: the same fields, read only from a JSON
/// object (an array is "invalid type: sequence, expected …").
macro_rules! objects_only {
    (deserialize $ty:ty) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$ty>::deserialize($crate::strict::MapOnly(d))
            }
        }
    };
    ($($ty:ty),* $(,)?) => {
        $(
            $crate::strict::objects_only!(deserialize $ty);

            impl serde::Serialize for $ty {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    <$ty>::serialize(self, s)
                }
            }
        )*
    };
}

pub(crate) use objects_only;

/// Between the English and the Danish reason in a serde error made by
/// [`refused`]: a character [`clip`](crate::messages::clip) never lets
/// through from a value.
pub const BOTH: char = '\u{1F}';

/// A serde error for a value its own check refused, carrying the check's
/// reason in English and in Danish (serde errors are one string): the
/// importer shows each language its own ([`split`]).
pub(crate) fn refused<E: de::Error>(message: impl Fn(crate::Lang) -> String) -> E {
    let (en, da) = (message(crate::Lang::En), message(crate::Lang::Da));
    E::custom(format_args!("{en}{BOTH}{da}"))
}

/// The English and the Danish reason of a serde error made by [`refused`].
pub fn split(text: &str) -> Option<(&str, &str)> {
    text.split_once(BOTH)
}

/// serde's wording for a key twice in one object, which the importer names
/// with its path.
fn twice<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("duplicate field `{key}`"))
}

/// A map with string keys that refuses a key written twice.
struct Unique<V>(BTreeMap<String, V>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Unique<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Keys<V> {
            type Value = Unique<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique<V>, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.contains_key(&key) {
                        return Err(twice(&key));
                    }
                    let value = map.next_value()?;
                    out.insert(key, value);
                }
                Ok(Unique(out))
            }
        }
        d.deserialize_map(Keys(PhantomData))
    }
}

/// A set of strings written as an array that refuses a value written twice.
struct UniqueSet(BTreeSet<String>);

impl<'de> Deserialize<'de> for UniqueSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Items;
        impl<'de> Visitor<'de> for Items {
            type Value = UniqueSet;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueSet, A::Error> {
                let mut out = BTreeSet::new();
                while let Some(item) = seq.next_element::<String>()? {
                    if out.contains(&item) {
                        return Err(de::Error::custom(format_args!(
                            "the item «{}» is listed twice",
                            crate::messages::clip(&item)
                        )));
                    }
                    out.insert(item);
                }
                Ok(UniqueSet(out))
            }
        }
        d.deserialize_seq(Items)
    }
}

/// An integer as JSON Schema counts one: `3`, and also `-0` or `3.0` (a
/// number whose fraction is zero), within `T`'s range.
pub(crate) struct Integer<T>(pub T);

impl<'de, T: TryFrom<i64> + TryFrom<u64>> Deserialize<'de> for Integer<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Number<T>(PhantomData<T>);
        impl<'de, T: TryFrom<i64> + TryFrom<u64>> Visitor<'de> for Number<T> {
            type Value = Integer<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Integer<T>, E> {
                let range = || E::invalid_value(de::Unexpected::Signed(v), &self);
                T::try_from(v).map(Integer).map_err(|_| range())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Integer<T>, E> {
                let range = || E::invalid_value(de::Unexpected::Unsigned(v), &self);
                T::try_from(v).map(Integer).map_err(|_| range())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Integer<T>, E> {
                // Every integer a T here holds is exact in an f64.
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    self.visit_i64(v as i64)
                } else if v.fract() == 0.0 {
                    Err(E::custom("number out of range"))
                } else {
                    Err(E::invalid_type(de::Unexpected::Float(v), &self))
                }
            }
        }
        d.deserialize_any(Number(PhantomData))
    }
}

/// `deserialize_with` helpers for the maps of a record.
pub(crate) mod unique {
    use super::*;

    /// Instrument id → item id → an integer answer.
    pub(crate) fn answers<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, BTreeMap<String, i32>>, D::Error> {
        nested(d)
    }

    /// Instrument id → score id → a score value.
    pub(crate) fn scores<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, BTreeMap<String, u32>>, D::Error> {
        nested(d)
    }

    /// A map of maps of integers, no key twice at either level.
    fn nested<'de, D, T>(d: D) -> Result<BTreeMap<String, BTreeMap<String, T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: TryFrom<i64> + TryFrom<u64>,
    {
        let outer = Unique::<Unique<Integer<T>>>::deserialize(d)?;
        Ok(outer
            .0
            .into_iter()
            .map(|(k, inner)| (k, inner.0.into_iter().map(|(i, v)| (i, v.0)).collect()))
            .collect())
    }

    /// Instrument id → a set of item ids.
    pub(crate) fn sets<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, BTreeSet<String>>, D::Error> {
        let outer = Unique::<UniqueSet>::deserialize(d)?;
        Ok(outer.0.into_iter().map(|(k, v)| (k, v.0)).collect())
    }

    /// Instrument id → anything.
    pub(crate) fn map<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, V>, D::Error> {
        Unique::<V>::deserialize(d).map(|m| m.0)
    }
}

/// For `deserialize_with` on an integer field (`u16`, `u32`).
pub(crate) fn integer<'de, D: Deserializer<'de>, T: TryFrom<i64> + TryFrom<u64>>(
    d: D,
) -> Result<T, D::Error> {
    Integer::<T>::deserialize(d).map(|i| i.0)
}
