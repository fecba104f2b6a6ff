"""Spoken form of a document: the speech script, text normalisation, synthesis and voices."""
