/**
 * The ballot groups as a tree of rankings (a prefix tree, or trie), the shape OpenSTV and Droop
 * give Meek's method, whose every iteration shares a ballot's weight out along its ranking:
 * here each prefix is worked out once per iteration, not once per group. (IRV and Scottish STV
 * move each group once a stage, through piles of group indices; building the tree costs them
 * more than it saves with a few dozen stages.)
 *
 * Terms:
 * - Node: one ranking prefix, that is, the candidates a paper names first, in order. The root
 *   is the empty prefix; a node's candidate is the last one of its prefix. Withdrawn
 *   candidates are left out of every prefix, as if never ranked.
 * - through[node]: the papers whose ranking starts with the node's prefix. ends[node]: the
 *   papers whose ranking is exactly that prefix (at the root: papers naming nobody standing,
 *   which are void).
 * - Why it counts exactly as the papers one by one: papers with the same prefix are treated
 *   alike at every stage until the count reads past that prefix (which candidate a paper goes
 *   to next depends only on its own next preferences and on who is still continuing), so the
 *   papers of a node travel together, at one value, and `through × value` is the sum, paper by
 *   paper, of what they carry. Sums stay whole numbers of units below 2^53, so exact in any
 *   order.
 * - Layout: nodes are numbered in depth-first order (a node before its children), so a node's
 *   subtree is the range [node, node + size[node]), its first child is node + 1, and the next
 *   sibling of a child is child + size[child]. A count walks down by scanning forward and
 *   skips a subtree by jumping over it: no recursion, no allocation.
 * - Weights that are not whole numbers (a card vote, from the app) are never merged: each
 *   group keeps a path of its own, in the order of the groups, so the floating-point sums are
 *   made in the same order as when the groups were counted one by one.
 */
import { strictRankings } from './ballots.ts';
import type { BallotProfile } from './types.ts';

type Rankings = ReturnType<typeof strictRankings>;

export interface RankingTree {
  readonly nodes: number;
  /** The candidate of each node (-1 at the root). */
  readonly candidate: Int32Array;
  /** The parent of each node (-1 at the root). */
  readonly parent: Int32Array;
  /** The number of nodes in each node's subtree, itself included. */
  readonly size: Int32Array;
  readonly through: Float64Array;
  readonly ends: Float64Array;
}

/** The tree of a profile's strict rankings (callers refuse equal rankings first). */
export function rankingTree(profile: BallotProfile): RankingTree {
  const rankings = strictRankings(profile);
  const { prefs, offsets, weights, count } = rankings;
  let merge = true;
  for (let g = 0; g < count; g++) if (!Number.isInteger(weights[g])) merge = false;
  const cap = prefs.length + 1;
  const b: Building = {
    nodes: 1,
    candidate: new Int32Array(cap),
    parent: new Int32Array(cap),
    through: new Float64Array(cap),
    ends: new Float64Array(cap),
  };
  b.candidate[0] = -1;
  b.parent[0] = -1;
  if (merge) {
    sortIntoTree(b, rankings, profile.candidates.length);
    // whole numbers: the sums are exact in any order
    for (let i = b.nodes - 1; i > 0; i--) b.through[b.parent[i]!]! += b.through[i]!;
  } else {
    // one path per group, in the order of the groups
    for (let g = 0; g < count; g++) {
      const w = weights[g]!;
      let node = 0;
      b.through[0]! += w;
      for (let i = offsets[g]!; i < offsets[g + 1]!; i++) {
        node = addNode(b, node, prefs[i]!);
        b.through[node] = w;
      }
      b.ends[node]! += w;
    }
  }
  const { nodes } = b;
  const size = new Int32Array(nodes).fill(1);
  for (let i = nodes - 1; i > 0; i--) size[b.parent[i]!]! += size[i]!;
  // views, not copies: the arrays were made for as many nodes as there are preferences
  return {
    nodes,
    candidate: b.candidate.subarray(0, nodes),
    parent: b.parent.subarray(0, nodes),
    size,
    through: b.through.subarray(0, nodes),
    ends: b.ends.subarray(0, nodes),
  };
}

interface Building {
  nodes: number;
  readonly candidate: Int32Array;
  readonly parent: Int32Array;
  readonly through: Float64Array;
  readonly ends: Float64Array;
}

function addNode(b: Building, parent: number, candidate: number): number {
  const node = b.nodes++;
  b.candidate[node] = candidate;
  b.parent[node] = parent;
  return node;
}

/**
 * Sort the groups by ranking (least-significant-place-first radix sort: one stable counting
 * sort per place, last place first, an ended ranking sorting before any candidate), then make
 * the nodes group by group in that order: each group shares the nodes of its common prefix with
 * the group before, and adds the rest. In sorted order the nodes come out depth first. Leaves
 * each node's own papers in `through` (the caller adds the children's).
 */
function sortIntoTree(b: Building, rankings: Rankings, candidates: number): void {
  const { prefs, offsets, weights, count } = rankings;
  let longest = 0;
  for (let g = 0; g < count; g++) longest = Math.max(longest, offsets[g + 1]! - offsets[g]!);
  let order = new Int32Array(count);
  for (let g = 0; g < count; g++) order[g] = g;
  let sorted = new Int32Array(count);
  // two places per pass where (candidates + 1)^2 buckets are few
  const radix = candidates + 1;
  const width = radix * radix <= 1 << 12 ? 2 : 1;
  // each group's entries at the places of this pass (0: ended, else candidate + 1)
  const digit = radix ** width <= 256 ? new Uint8Array(count) : new Uint32Array(count);
  const bucket = new Int32Array(radix ** width + 1);
  for (let place = longest - width; place > -width; place -= width) {
    bucket.fill(0);
    for (let g = 0; g < count; g++) {
      const from = offsets[g]!;
      const end = offsets[g + 1]!;
      let d = 0;
      for (let i = place; i < place + width; i++) {
        d = d * radix + (i >= 0 && from + i < end ? prefs[from + i]! + 1 : 0);
      }
      digit[g] = d;
      bucket[d + 1]!++;
    }
    for (let d = 1; d < bucket.length; d++) bucket[d]! += bucket[d - 1]!;
    for (let k = 0; k < count; k++) {
      const g = order[k]!;
      sorted[bucket[digit[g]!]!++] = g;
    }
    const swap = order;
    order = sorted;
    sorted = swap;
  }
  const path = new Int32Array(longest + 1); // the nodes of the current prefix, root first
  const { candidate, parent, through, ends } = b;
  let nodes = b.nodes;
  let previousFrom = 0;
  let previousLength = 0;
  for (let k = 0; k < count; k++) {
    const g = order[k]!;
    const from = offsets[g]!;
    const length = offsets[g + 1]! - from;
    const most = length < previousLength ? length : previousLength;
    let shared = 0;
    while (shared < most && prefs[from + shared] === prefs[previousFrom + shared]) shared++;
    for (let d = shared; d < length; d++) {
      candidate[nodes] = prefs[from + d]!;
      parent[nodes] = path[d]!;
      path[d + 1] = nodes++;
    }
    const last = path[length]!;
    through[last]! += weights[g]!;
    ends[last]! += weights[g]!;
    previousFrom = from;
    previousLength = length;
  }
  b.nodes = nodes;
}
