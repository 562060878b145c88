//! Grouping items that share a key, transitively (union–find): figures that count the same
//! thing, entities of several documents that are one.

use std::collections::HashMap;

/// The groups of items `0..keys.len()` in which two items are together when they share a key,
/// directly or through other items; every item is in exactly one group (alone when it shares
/// nothing). Groups come in the order of their first item, items in their order.
pub(crate) fn by_shared_keys<S: AsRef<[K]>, K: AsRef<str>>(keys: &[S]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, ks) in keys.iter().enumerate() {
        for k in ks.as_ref() {
            match first.get(k.as_ref()) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first.insert(k.as_ref(), i);
                }
            }
        }
    }
    let mut slot: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in 0..keys.len() {
        let r = find(&mut parent, i);
        let g = *slot.entry(r).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[g].push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_keys_join_items_through_others() {
        let keys = vec![
            vec!["uyghur"],
            vec!["muslim"],
            vec!["uyghur", "muslim"],
            vec![],
            vec!["country"],
        ];
        assert_eq!(by_shared_keys(&keys), vec![vec![0, 1, 2], vec![3], vec![4]]);
        assert!(by_shared_keys::<Vec<&str>, &str>(&[]).is_empty());
    }
}
