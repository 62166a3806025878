"""The library's networks written the PyTorch way, from their configs (lib/GanNotebooks/Models), independently of
the C# code: same layers, same field names (so state dicts load by key), PyTorch's own default initialisation plus
the DCGAN example's weights_init (github.com/pytorch/examples, dcgan/main.py). bench/pytorch_reference.py imports
them too, so the benchmark's PyTorch side is the networks these tests check. Needs torch only."""
import torch
from torch import nn
import torch.nn.functional as F

# (kernel, stride, padding) of the generator's four transposed convolutions, 1x1 up to the image size.
UP = {32: [(4, 1, 0), (4, 2, 1), (4, 2, 1), (4, 2, 1)], 28: [(3, 1, 0), (3, 2, 0), (4, 2, 1), (4, 2, 1)]}
DOWN_SIZES = {32: [16, 8, 4], 28: [14, 7, 3]}


def weights_init(m):
    """The PyTorch DCGAN example's initialisation: conv weights N(0, 0.02), batch norm weight N(1, 0.02), bias 0."""
    name = m.__class__.__name__
    if name.find('Conv') != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif name.find('BatchNorm') != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


def dcgan_generator_stack(nz, f, c, size):
    widths = [nz, 4 * f, 2 * f, f, c]
    layers = []
    for i, (k, s, p) in enumerate(UP[size]):
        layers.append(nn.ConvTranspose2d(widths[i], widths[i + 1], k, s, p, bias=False))
        if i < 3:
            layers += [nn.BatchNorm2d(widths[i + 1]), nn.ReLU(True)]
    layers.append(nn.Tanh())
    main = nn.Sequential(*layers)
    main.apply(weights_init)
    return main


def dcgan_discriminator_stack(c, f, size, outputs, norm, final_bias=False):
    ups = list(reversed(UP[size]))
    widths = [c, f, 2 * f, 4 * f]
    layers = []
    for i in range(3):
        k, s, p = ups[i]
        layers.append(nn.Conv2d(widths[i], widths[i + 1], k, s, p, bias=False))
        if i > 0 and norm == 'BatchNorm':
            layers.append(nn.BatchNorm2d(widths[i + 1]))
        if i > 0 and norm == 'LayerNorm':
            n = DOWN_SIZES[size][i]
            layers.append(nn.LayerNorm([widths[i + 1], n, n]))
        layers.append(nn.LeakyReLU(0.2, inplace=True))
    k, s, p = ups[3]
    layers.append(nn.Conv2d(widths[3], outputs, k, s, p, bias=final_bias))
    main = nn.Sequential(*layers)
    main.apply(weights_init)
    return main


class MlpGenerator(nn.Module):
    def __init__(self, cfg, cond=False):
        super().__init__()
        self.cfg, self.cond = cfg, cond
        features = cfg['Channels'] * cfg['ImageSize'] ** 2
        extra = cfg['EmbeddingDim'] if cond else 0
        if cond:
            self.label_emb = nn.Embedding(cfg['NumClasses'], cfg['EmbeddingDim'])
        self.fc1 = nn.Linear(cfg['LatentDim'] + extra, cfg['Hidden'])
        self.fc2 = nn.Linear(cfg['Hidden'], 2 * cfg['Hidden'])
        self.fc3 = nn.Linear(2 * cfg['Hidden'], features)

    def forward(self, z, y=None):
        h = torch.cat([z, self.label_emb(y)], 1) if self.cond else z
        h = F.relu(self.fc1(h))
        h = F.relu(self.fc2(h))
        x = torch.tanh(self.fc3(h))
        return x.view(-1, self.cfg['Channels'], self.cfg['ImageSize'], self.cfg['ImageSize'])


class MlpDiscriminator(nn.Module):
    def __init__(self, cfg, cond=False):
        super().__init__()
        self.cond = cond
        features = cfg['Channels'] * cfg['ImageSize'] ** 2
        extra = cfg['EmbeddingDim'] if cond else 0
        if cond:
            self.label_emb = nn.Embedding(cfg['NumClasses'], cfg['EmbeddingDim'])
        self.fc1 = nn.Linear(features + extra, 2 * cfg['Hidden'])
        self.fc2 = nn.Linear(2 * cfg['Hidden'], cfg['Hidden'])
        self.fc3 = nn.Linear(cfg['Hidden'], 1)

    def forward(self, x, y=None):
        h = torch.cat([x.flatten(1), self.label_emb(y)], 1) if self.cond else x.flatten(1)
        h = F.leaky_relu(self.fc1(h), 0.2)
        h = F.leaky_relu(self.fc2(h), 0.2)
        return self.fc3(h).squeeze(1)


class DcganGenerator(nn.Module):
    def __init__(self, cfg, cond=False):
        super().__init__()
        self.cond = cond
        extra = cfg['EmbeddingDim'] if cond else 0
        if cond:
            self.label_emb = nn.Embedding(cfg['NumClasses'], cfg['EmbeddingDim'])
        self.main = dcgan_generator_stack(cfg['LatentDim'] + extra, cfg['Features'], cfg['Channels'], cfg['ImageSize'])

    def forward(self, z, y=None):
        h = torch.cat([z, self.label_emb(y)], 1) if self.cond else z
        return self.main(h.view(h.shape[0], h.shape[1], 1, 1))


class DcganDiscriminator(nn.Module):
    """DCGAN discriminator, WGAN critic (norm from the config) and SGAN classifier (K outputs with a bias)."""

    def __init__(self, cfg, cond=False, norm='BatchNorm', outputs=1, final_bias=False):
        super().__init__()
        self.cond, self.size = cond, cfg['ImageSize']
        if cond:
            self.label_emb = nn.Embedding(cfg['NumClasses'], self.size * self.size)
        self.main = dcgan_discriminator_stack(cfg['Channels'] + (1 if cond else 0), cfg['Features'], self.size,
                                              outputs, norm, final_bias)
        self.outputs = outputs

    def forward(self, x, y=None):
        if self.cond:
            x = torch.cat([x, self.label_emb(y).view(-1, 1, self.size, self.size)], 1)
        h = self.main(x)
        return h.view(-1) if self.outputs == 1 else h.view(h.shape[0], h.shape[1])


def build(spec):
    """A network from {"type": C# class name, "config": its config record}."""
    t, cfg = spec['type'], spec['config']
    return {
        'MlpGenerator': lambda: MlpGenerator(cfg),
        'MlpDiscriminator': lambda: MlpDiscriminator(cfg),
        'ConditionalMlpGenerator': lambda: MlpGenerator(cfg, cond=True),
        'ConditionalMlpDiscriminator': lambda: MlpDiscriminator(cfg, cond=True),
        'DcganGenerator': lambda: DcganGenerator(cfg),
        'DcganDiscriminator': lambda: DcganDiscriminator(cfg),
        'ConditionalDcganGenerator': lambda: DcganGenerator(cfg, cond=True),
        'ConditionalDcganDiscriminator': lambda: DcganDiscriminator(cfg, cond=True),
        'WganCritic': lambda: DcganDiscriminator(cfg, norm=cfg['Norm']),
        'SganDiscriminator': lambda: DcganDiscriminator(cfg, outputs=cfg['NumClasses'], final_bias=True),
    }[t]()
