"""Merge the hand decisions (hand_labels.tsv) with the candidate text into the self-contained gold file.

Usage:
    python data/gold/labels/extract_candidates.py > /tmp/candidates.jsonl
    python data/gold/labels/build_gold.py /tmp/candidates.jsonl
writes data/gold/labels/sections.jsonl.  Each record keeps the section text itself (heading, text = body and
sub-sections), so the gold does not depend on any parser.

Split: sections are grouped into *template families* and whole families go to one side.  Two reports belong
to one family when any of their sections are near-identical (character 4-gram containment >= 0.5 over
normalised, Simplified heading+text) - this joins copies of one template within a page and across pages (e.g. the 教师素质/校务公开
school template appears on two seed pages, the 医院工会工作计划 template six times on one page).  Families are
then assigned to the test side greedily (largest label deficit first) until about 30 % of sections are test.
"""
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEST_SHARE = 0.30


_T2S = None


def norm(s: str) -> str:
    global _T2S
    if _T2S is None:
        import opencc
        _T2S = opencc.OpenCC("t2s")
    s = re.sub(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", s)  # 醫(yī)院 → 醫院 (toned pinyin readings)
    return re.sub(r"[\W\dxX_*]+", "", _T2S.convert(s))


def grams(s: str, n: int = 4) -> set:
    s = norm(s)
    return {s[i:i + n] for i in range(max(1, len(s) - n + 1))}


def close_labels_over_tree(records: list[dict]) -> None:
    """Labelling rule 2 made exact: a section carries every label of its labelled sub-sections.

    The hand pass sometimes labelled a parent by its own heading only (五、评优创先 → organization while its
    items were about competition, welfare, women, ...); the taxonomy says labels describe the whole content.
    Deepest sections first, so labels climb the whole tree."""
    by_id = {r["id"]: r for r in records}
    added = Counter()
    for r in sorted(records, key=lambda r: -r["level"]):
        p = by_id.get(r["parent"]) if r["parent"] else None
        if p is None:
            continue
        for l in r["labels"]:
            if l not in p["labels"]:
                p["labels"].append(l)
                added[l] += 1
    print(f"rule 2 closure: {sum(added.values())} labels added to parents {dict(sorted(added.items()))}")


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append((line.split("\t") + ["", "", ""])[:4])
    return rows


def merge_second_annotation(records: list[dict]) -> None:
    """Two annotators, one adjudication: ``labels`` = the labels both gave, plus each disputed label the
    adjudicator (adjudication.tsv) found earned.  ``labels_1`` (hand_labels.tsv, whole content) and
    ``labels_2`` (hand_labels_2.tsv, own heading and body, closed over the tree here) stay in the record so
    that the evaluation can print the agreement between the two, the human ceiling for the model."""
    own2 = {cid: [x for x in labs.split(",") if x] for cid, labs, _, _ in _read_tsv("hand_labels_2.tsv")}
    missing = [r["id"] for r in records if r["id"] not in own2]
    if missing:
        raise SystemExit(f"hand_labels_2.tsv lacks {len(missing)} sections, e.g. {missing[:3]}")
    second = [dict(r, labels=list(own2[r["id"]])) for r in records]
    close_labels_over_tree(second)
    verdict = {(cid, lab): dec.strip() == "1" for cid, lab, dec, _ in _read_tsv("adjudication.tsv")}
    n_disputed = n_earned = 0
    for r, r2 in zip(records, second):
        one, two = list(r["labels"]), r2["labels"]
        final = [l for l in one if l in two]
        for l in [l for l in one if l not in two] + [l for l in two if l not in one]:
            if (r["id"], l) not in verdict:
                raise SystemExit(f"no adjudication for {r['id']} {l}")
            n_disputed += 1
            if verdict[(r["id"], l)]:
                final.append(l)
                n_earned += 1
        r["labels_1"], r["labels_2"], r["labels"] = one, list(two), final
    print(f"second annotation: {n_disputed} disputed labels, {n_earned} earned by adjudication")
    close_labels_over_tree(records)


def main(cand_path: str) -> None:
    cands = [json.loads(l) for l in open(cand_path, encoding="utf-8")]
    by_cid = {c["cid"]: c for c in cands}
    decisions = {}
    for line in (HERE / "hand_labels.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cid, labels, role = (line.split("\t") + ["", ""])[:3]
        if labels == "SKIP":
            continue
        decisions[cid] = ([x for x in labels.split(",") if x], role.strip())
    # families: union-find over reports, linked by near-identical sections (all candidates, not only labelled)
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keyed = [(c["cid"][:6], grams(c["heading"] + c["text"])) for c in cands if len(norm(c["heading"] + c["text"])) >= 12]
    for i in range(len(keyed)):
        find(keyed[i][0])
        for j in range(i + 1, len(keyed)):
            a, b = keyed[i][1], keyed[j][1]
            if keyed[i][0] != keyed[j][0] and len(a & b) / max(1, min(len(a), len(b))) >= 0.5:
                parent[find(keyed[i][0])] = find(keyed[j][0])
    fam_of = {}
    for rep in sorted({c["cid"][:6] for c in cands}):
        fam_of[rep] = find(rep)
    fam_names = {f: f"F{i:02d}" for i, f in enumerate(sorted(set(fam_of.values())))}
    # parent of a section: the nearest earlier candidate of the same report whose path is this path minus
    # its last level (a report can restart its numbering: 总结及计划 pages have two 二、 parts)
    last_at: dict = {}
    parent_of: dict = {}
    for c in cands:
        up = c["path"].split("/", 1)[1] if "/" in c["path"] else None
        parent_of[c["cid"]] = last_at.get((c["cid"][:6], up)) if up else None
        if c["path"]:
            last_at[(c["cid"][:6], c["path"])] = c["cid"]
    records = []
    for cid, (labels, role) in decisions.items():
        c = by_cid[cid]
        par = parent_of[cid]
        records.append({"id": cid, "seed_file": c["seed_file"], "report_title": c["report_title"],
                        "family": fam_names[fam_of[cid[:6]]], "level": c["level"],
                        "parent": par if par in decisions else None, "heading": c["heading"],
                        "body": c["body"], "text": c["text"], "labels": labels, "role": role})
    close_labels_over_tree(records)
    merge_second_annotation(records)
    # greedy family split, on the first annotation (the split was made before the second one existed)
    fam_recs = defaultdict(list)
    for r in records:
        fam_recs[r["family"]].append(r)
    total = Counter(l for r in records for l in r["labels_1"])
    test_fams, test_n, test_lab = set(), 0, Counter()
    target = TEST_SHARE * len(records)
    while test_n < target:
        best, best_score = None, -1e9
        for f, rs in sorted(fam_recs.items()):
            if f in test_fams or len(rs) > 0.5 * target:
                continue
            lab = Counter(l for r in rs for l in r["labels_1"])
            gain = sum(min(lab[l], max(0.0, TEST_SHARE * total[l] - test_lab[l])) / total[l] for l in total)
            score = gain - max(0, test_n + len(rs) - target) / target
            if score > best_score:
                best, best_score = f, score
        if best is None:
            break
        test_fams.add(best)
        test_n += len(fam_recs[best])
        test_lab.update(l for r in fam_recs[best] for l in r["labels_1"])
    with open(HERE / "sections.jsonl", "w", encoding="utf-8") as out:
        for r in records:
            r["split"] = "test" if r["family"] in test_fams else "train"
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(records)} records, {len(fam_recs)} families, test families {sorted(test_fams)}, test n={test_n}")
    final = Counter(l for r in records for l in r["labels"])
    final_test = Counter(l for r in records if r["split"] == "test" for l in r["labels"])
    print("label counts, first annotation (total/test) -> adjudicated (total/test):")
    for l in sorted(total):
        print(f"  {l:14s} {total[l]:3d}/{test_lab[l]:3d} -> {final[l]:3d}/{final_test[l]:3d}")


if __name__ == "__main__":
    main(sys.argv[1])
