"""Exports: PDF (WeasyPrint, Persian shaping by HarfBuzz, RTL), XLSX (right-to-left sheets) and CSV."""
