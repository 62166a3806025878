"""Named tensors on disk, the format TensorStore.cs writes and reads: one raw little-endian file per tensor plus
index.json {name: {"file", "dtype" (float32 | float64 | int64), "shape"}}."""
import json
import os

import numpy as np
import torch

NUMPY = {'float32': '<f4', 'float64': '<f8', 'int64': '<i8'}


def read_tensors(folder):
    with open(os.path.join(folder, 'index.json')) as f:
        index = json.load(f)
    return {name: torch.from_numpy(np.fromfile(os.path.join(folder, e['file']), dtype=NUMPY[e['dtype']])
                                   .reshape(e['shape']).copy()) for name, e in index.items()}


def write_tensors(folder, tensors):
    os.makedirs(folder, exist_ok=True)
    index = {}
    for i, (name, t) in enumerate(tensors.items()):
        t = t.detach().cpu().contiguous()
        dtype = str(t.dtype).replace('torch.', '')
        file = f'{i}.bin'
        t.numpy().astype(NUMPY[dtype]).tofile(os.path.join(folder, file))
        index[name] = {'file': file, 'dtype': dtype, 'shape': list(t.shape)}
    with open(os.path.join(folder, 'index.json'), 'w') as f:
        json.dump(index, f)
