"""PyTorch oracle for tests/GanNotebooks.Oracle.Tests: computes, with PyTorch's own functions and optimizers, what
the C# library computed, for every case the tests wrote under CASES_DIR, in one process (importing torch costs
seconds). A case is a folder with case.json and in/ (tensors); this writes out/ (tensors) and result.json.
Tensors: raw little-endian arrays plus index.json {name: {file, dtype, shape}} (tensors.py)."""
import json
import os
import sys
import traceback

import torch
import torch.nn.functional as F

import networks
from tensors import read_tensors, write_tensors

torch.set_num_threads(1)  # the oracle shares a small CI machine; these tensors are tiny

# --- the losses, as PyTorch and the papers' reference code write them ---------------------------------------------


def bce(s, target):
    return F.binary_cross_entropy_with_logits(s, torch.full_like(s, target))


def d_nonsaturating(real, fake):      # -E[log D(x)] - E[log(1 - D(G(z)))]
    return bce(real, 1.0) + bce(fake, 0.0)


def g_nonsaturating(fake):            # -E[log D(G(z))]
    return bce(fake, 1.0)


def g_minimax(fake):                  # E[log(1 - D(G(z)))] = -BCE(s, 0)
    return -bce(fake, 0.0)


def d_least_squares(real, fake):      # 1/2 E[(D(x) - 1)^2] + 1/2 E[D(G(z))^2]
    return 0.5 * F.mse_loss(real, torch.ones_like(real)) + 0.5 * F.mse_loss(fake, torch.zeros_like(fake))


def g_least_squares(fake):            # 1/2 E[(D(G(z)) - 1)^2]
    return 0.5 * F.mse_loss(fake, torch.ones_like(fake))


def d_wasserstein(real, fake):        # PyTorch-GAN wgan.py: -mean(D(x)) + mean(D(G(z)))
    return -torch.mean(real) + torch.mean(fake)


def g_wasserstein(fake):
    return -torch.mean(fake)


def sgan_supervised(logits, labels):
    return F.cross_entropy(logits, labels)


def sgan_unsupervised(logits_real, logits_fake):
    # improved-GAN (Salimans et al.) code: l = logsumexp; -mean(l) + mean(softplus(l)) + mean(softplus(l_fake))
    l_real, l_fake = torch.logsumexp(logits_real, 1), torch.logsumexp(logits_fake, 1)
    return -torch.mean(l_real) + torch.mean(F.softplus(l_real)) + torch.mean(F.softplus(l_fake))


def sgan_generator(logits_fake):      # -E[log D(G(z))], D = sigmoid(logsumexp l)
    return bce(torch.logsumexp(logits_fake, 1), 1.0)


def gradient_penalty(critic, x_real, x_fake, eps, lam, whole_batch=False):
    """PyTorch-GAN wgan_gp.py compute_gradient_penalty, with eps given: per-sample norms over C, H, W."""
    alpha = eps.view(-1, *([1] * (x_real.dim() - 1)))
    interpolates = (alpha * x_real + (1 - alpha) * x_fake).requires_grad_(True)
    d = critic(interpolates)
    g = torch.autograd.grad(d, interpolates, grad_outputs=torch.ones_like(d), create_graph=True,
                            retain_graph=True, only_inputs=True)[0]
    if whole_batch:                   # the wrong form the library keeps for a notebook: one norm for the batch
        return lam * (g.norm(2) - 1) ** 2
    return lam * ((g.view(g.shape[0], -1).norm(2, dim=1) - 1) ** 2).mean()


LOSSES = {
    'DiscriminatorBce': d_nonsaturating, 'GeneratorNonSaturating': g_nonsaturating, 'GeneratorMinimax': g_minimax,
    'DiscriminatorLeastSquares': d_least_squares, 'GeneratorLeastSquares': g_least_squares,
    'Critic': d_wasserstein, 'WassersteinGenerator': g_wasserstein,
    'SganSupervised': sgan_supervised, 'SganUnsupervised': sgan_unsupervised, 'SganGenerator': sgan_generator,
}

# --- the training recipes of the papers (not read from the C# config: a wrong C# preset must show) ----------------

ADAM_DCGAN = ('adam', 2e-4, (0.5, 0.999))
RECIPES = {
    'gan': dict(d=d_nonsaturating, g=g_nonsaturating, opt=ADAM_DCGAN),
    'dcgan': dict(d=d_nonsaturating, g=g_nonsaturating, opt=ADAM_DCGAN),
    'lsgan': dict(d=d_least_squares, g=g_least_squares, opt=ADAM_DCGAN),
    'cgan': dict(d=d_nonsaturating, g=g_nonsaturating, opt=ADAM_DCGAN),
    'wgan': dict(d=d_wasserstein, g=g_wasserstein, opt=('rmsprop', 5e-5), n_critic=5, clip=0.01),
    'wgan-gp': dict(d=d_wasserstein, g=g_wasserstein, opt=('adam', 1e-4, (0.0, 0.9)), n_critic=5, gp=10.0),
    'sgan': dict(opt=ADAM_DCGAN),
}


def optimizer(params, spec):
    if spec[0] == 'adam':
        return torch.optim.Adam(params, lr=spec[1], betas=spec[2])
    return torch.optim.RMSprop(params, lr=spec[1])  # alpha 0.99, eps 1e-8


class Draws:
    """The random numbers C# drew, replayed in order; counts what was used."""

    def __init__(self, tensors, prefix):
        self.items = [tensors[f'{prefix}.{i}'] for i in range(sum(k.startswith(prefix + '.') for k in tensors))]
        self.used = 0

    def next(self):
        if self.used >= len(self.items):
            raise RuntimeError(f'the reference needs more draws than the C# trainer made ({len(self.items)})')
        self.used += 1
        return self.items[self.used - 1]

    def check_all_used(self, what):
        if self.used != len(self.items):
            raise RuntimeError(f'the C# trainer drew {len(self.items)} {what}, the reference used {self.used}')


def load_net(spec, tensors, prefix, dtype):
    net = networks.build(spec).to(dtype)
    sd = {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}
    net.load_state_dict(sd, strict=True)
    return net.train()


def state(net, prefix):
    return {prefix + k: v.detach().clone() for k, v in net.state_dict().items()}


def run_train(p, t):
    dtype = getattr(torch, p['dtype'])
    g, d = load_net(p['g'], t, 'g.', dtype), load_net(p['d'], t, 'd.', dtype)
    recipe = RECIPES[p['variant']]
    opt_g, opt_d = optimizer(g.parameters(), recipe['opt']), optimizer(d.parameters(), recipe['opt'])
    z, eps = Draws(t, 'z'), Draws(t, 'eps')
    steps = p['steps']
    if p['variant'] == 'sgan':
        for i in range(steps):
            sgan_step(g, d, opt_g, opt_d, t[f'xl.{i}'], t[f'yl.{i}'], t[f'xu.{i}'], z)
    else:
        n_critic = recipe.get('n_critic', 1)
        critic_updates = 0
        for i in range(steps):
            x, y = t[f'x.{i}'], t.get(f'y.{i}')
            # WGAN Algorithm 1 (PyTorch-GAN wgan.py): one critic update per real batch, G after every n_critic-th.
            critic_update(g, d, opt_d, recipe, x, y, z, eps)
            critic_updates += 1
            if critic_updates % n_critic == 0:
                opt_g.zero_grad()
                loss_g = recipe['g'](d(g(z.next(), y), y) if y is not None else d(g(z.next())))
                loss_g.backward()
                opt_g.step()
    z.check_all_used('noise batches')
    eps.check_all_used('penalty epsilons')
    return {**state(g, 'g.'), **state(d, 'd.')}, {}


def critic_update(g, d, opt_d, recipe, x, y, z, eps):
    cond = y is not None
    opt_d.zero_grad()
    with torch.no_grad():
        x_fake = g(z.next(), y) if cond else g(z.next())
    d_real, d_fake = (d(x, y), d(x_fake, y)) if cond else (d(x), d(x_fake))
    loss = recipe['d'](d_real, d_fake)
    if 'gp' in recipe:
        critic = (lambda v: d(v, y)) if cond else d
        loss = loss + gradient_penalty(critic, x, x_fake, eps.next(), recipe['gp'])
    loss.backward()
    opt_d.step()
    if 'clip' in recipe:
        for param in d.parameters():
            param.data.clamp_(-recipe['clip'], recipe['clip'])


def sgan_step(g, d, opt_g, opt_d, xl, yl, xu, z):
    opt_d.zero_grad()
    logits_l = d(xl)
    with torch.no_grad():
        x_fake = g(z.next())
    loss_d = sgan_supervised(logits_l, yl) + sgan_unsupervised(d(xu), d(x_fake))
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    sgan_generator(d(g(z.next()))).backward()
    opt_g.step()


def run_loss(p, t):
    inputs = {k: v.clone().requires_grad_(v.is_floating_point()) for k, v in t.items()}
    value = LOSSES[p['loss']](*[inputs[n] for n in p['args']])
    value.backward()
    out = {'value': value.detach()}
    out.update({f'grad.{k}': v.grad for k, v in inputs.items() if v.requires_grad})
    return out, {}


def run_penalty(p, t):
    dtype = getattr(torch, p['dtype'])
    critic = load_net(p['critic'], t, 'critic.', dtype)
    value = gradient_penalty(critic, t['x_real'], t['x_fake'], t['eps'], p['lambda'], p['whole_batch'])
    value.backward()
    out = {'value': value.detach()}
    out.update({f'grad.{k}': v.grad for k, v in critic.named_parameters()})
    return out, {}


def run_init(p, t):
    torch.manual_seed(p['seed'])
    return {k: v.detach().clone() for k, v in networks.build(p['net']).state_dict().items()}, {}


def run_keys(p, t):
    """Loads the C# state dict into the PyTorch module by name; reports what did not match, and its output."""
    net = networks.build(p['net']).to(getattr(torch, p['dtype']))
    sd = {k[len('sd.'):]: v for k, v in t.items() if k.startswith('sd.')}
    mismatched = [k for k, v in sd.items() if k in net.state_dict() and net.state_dict()[k].shape != v.shape]
    result = net.load_state_dict({k: v for k, v in sd.items() if k not in mismatched}, strict=False)
    info = {'missing': list(result.missing_keys), 'unexpected': list(result.unexpected_keys),
            'shape_mismatch': mismatched, 'torch_keys': list(net.state_dict().keys())}
    net.eval()
    with torch.no_grad():
        y = net(t['input'])
    return {'output': y}, info


KINDS = {'train': run_train, 'loss': run_loss, 'penalty': run_penalty, 'init': run_init, 'keys': run_keys}


def main(cases_dir):
    for name in sorted(os.listdir(cases_dir)):
        case = os.path.join(cases_dir, name)
        with open(os.path.join(case, 'case.json')) as f:
            spec = json.load(f)
        try:
            out, info = KINDS[spec['kind']](spec['params'], read_tensors(os.path.join(case, 'in')))
            write_tensors(os.path.join(case, 'out'), out)
            result = {'ok': True, 'info': info}
        except Exception:  # noqa: BLE001 - reported to the C# test, which fails with it
            result = {'ok': False, 'error': traceback.format_exc()}
        with open(os.path.join(case, 'result.json'), 'w') as f:
            json.dump(result, f)
    print(f'oracle: torch {torch.__version__}, {len(os.listdir(cases_dir))} cases')


if __name__ == '__main__':
    main(sys.argv[1])
