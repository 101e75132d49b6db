"""``python -m corpus_tools.classifier build`` — refit the shipped model from the hand labels (train part)
and write data/model/ (deterministic: the same files on every run)."""
import sys

from corpus_tools.classifier.model import FunctionClassifier


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] != "build":
        print(__doc__)
        return 2
    clf = FunctionClassifier.from_gold()
    d = clf.save()
    print(f"model trained on {clf.n_train_} sections, {len(clf.vocabulary_)} features -> {d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
