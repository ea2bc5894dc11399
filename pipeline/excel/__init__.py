"""Reading workbooks: cell grids and header detection."""
