"""The Gradio web UI over :mod:`rag` (``rag serve``)."""
