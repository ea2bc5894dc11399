"""Writing the report workbook."""
