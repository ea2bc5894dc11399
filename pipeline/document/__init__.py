"""The LAKIP document (.docx): cover, chapters I–IV, the performance tables and the LRA,
with sentences written from the report's own figures (see `pipeline.document.writer`)."""
