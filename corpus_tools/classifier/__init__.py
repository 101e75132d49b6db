"""Function labels and role for every section (stage 6).

>>> import pandas as pd
>>> from corpus_tools.classifier import classify_sections
>>> sections = pd.DataFrame({"heading": ["三、关心职工生活"], "body": ["春节前走访慰问困难职工23户,送去慰问金。"]})
>>> classify_sections(sections)["labels"].tolist()      # also p_<label> per label and role
[['welfare']]

See the README section "Function classifier".  Labels, cue words and role cues live in data/taxonomy.toml; the shipped model in
data/model/ (plain arrays + JSON, rebuilt from the hand labels by ``python -m corpus_tools.classifier build``).
"""
from corpus_tools.classifier.labeling import LabelingFunctions
from corpus_tools.classifier.model import FunctionClassifier, classify_sections, explain, load_gold
from corpus_tools.classifier.roles import assign_roles, heading_role
from corpus_tools.classifier.taxonomy import LABELS, ROLES, load_taxonomy

__all__ = ["FunctionClassifier", "LabelingFunctions", "classify_sections", "explain", "LABELS", "ROLES",
           "assign_roles", "heading_role", "load_gold", "load_taxonomy"]
