"""Floor 5: renderers of an ``AnalysisResult`` (they read only ``lamina.model``)."""
