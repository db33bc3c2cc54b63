import type { ChangeKind, ContainerChange } from '../protocol/images';

/** `docker diff` output as a tree: each path under its parents, with A/C/D counts per subtree. */
export interface ChangeNode {
  name: string;
  path: string;
  /** The change at this exact path; absent for a directory only implied by its children. */
  kind?: ChangeKind;
  children: ChangeNode[];
  /** Changes in this subtree, itself included. */
  counts: Record<ChangeKind, number>;
}

const zero = (): Record<ChangeKind, number> => ({ A: 0, C: 0, D: 0 });

export function buildChangeTree(changes: ContainerChange[]): ChangeNode {
  const root: ChangeNode = { name: '/', path: '/', children: [], counts: zero() };
  const index = new Map<string, ChangeNode>([['/', root]]);
  const nodeFor = (path: string): ChangeNode => {
    const hit = index.get(path);
    if (hit) return hit;
    const slash = path.lastIndexOf('/');
    const parent = nodeFor(slash <= 0 ? '/' : path.slice(0, slash));
    const node: ChangeNode = { name: path.slice(slash + 1), path, children: [], counts: zero() };
    parent.children.push(node);
    index.set(path, node);
    return node;
  };
  for (const c of changes) {
    const path = c.path.length > 1 ? c.path.replace(/\/+$/, '') : c.path;
    if (!path.startsWith('/')) continue;
    const node = nodeFor(path);
    node.kind = c.kind;
    // count in the node and every ancestor
    let p: string | null = path;
    while (p !== null) {
      index.get(p)!.counts[c.kind]++;
      if (p === '/') p = null;
      else {
        const s = p.lastIndexOf('/');
        p = s <= 0 ? '/' : p.slice(0, s);
      }
    }
  }
  const sort = (n: ChangeNode) => {
    n.children.sort((a, b) => a.name.localeCompare(b.name));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}

export function countChanges(changes: ContainerChange[]): Record<ChangeKind, number> {
  const counts = zero();
  for (const c of changes) counts[c.kind]++;
  return counts;
}
