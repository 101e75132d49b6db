"""Function labels and role for every section (stage 6).

>>> from corpus_tools.classifier import classify_sections
>>> tagged = classify_sections(sections_df)       # adds labels, p_<label>, role

See the README section "Function classifier".  Labels, cue words and role cues live in data/taxonomy.toml; the shipped model in
data/model/ (plain arrays + JSON, rebuilt from the hand labels by ``python -m corpus_tools.classifier build``).
"""
from corpus_tools.classifier.labeling import LabelingFunctions
from corpus_tools.classifier.model import FunctionClassifier, classify_sections, explain, load_gold
from corpus_tools.classifier.roles import assign_roles, heading_role
from corpus_tools.classifier.taxonomy import LABELS, ROLES, load_taxonomy

__all__ = ["FunctionClassifier", "LabelingFunctions", "classify_sections", "explain", "LABELS", "ROLES",
           "assign_roles", "heading_role", "load_gold", "load_taxonomy"]
