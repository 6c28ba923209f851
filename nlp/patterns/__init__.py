"""Matcher patterns as data: one JSONL file per family, loaded by nlp.pattern_files."""
