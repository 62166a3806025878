// Every test here runs the PyTorch oracle (python, torch import, one process for all cases): none is in the fast lane.
[assembly: Trait("Category", "Slow")]
