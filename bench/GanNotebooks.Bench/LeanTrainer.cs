using GanNotebooks.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// The non-saturating GAN step of <see cref="Training.GanTrainer"/> (Adam lr 2e-4, betas (0.5, 0.999)), written out so
/// that the experiments can change one thing at a time: how gradients are zeroed and how Adam updates.
/// </summary>
internal sealed class LeanTrainer : IDisposable
{
    const double Lr = 2e-4, Beta1 = 0.5, Beta2 = 0.999, Eps = 1e-8;
    readonly nn.Module<Tensor, Tensor> g, d;
    readonly Experiments.Mode mode;
    readonly Device device;
    readonly int latentDim;
    readonly OptimizerHelper? adamG, adamD;
    readonly FlatParameters? flatG, flatD;
    Tensor? sums;

    public LeanTrainer(nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d, Experiments.Mode mode, Device device)
    {
        this.g = g;
        this.d = d;
        this.mode = mode;
        this.device = device;
        latentDim = ((Models.IGenerator)g).LatentDim;
        if (mode == Experiments.Mode.Flat)
        {
            flatG = new FlatParameters(g, device);
            flatD = new FlatParameters(d, device);
        }
        else
        {
            adamG = torch.optim.Adam(g.parameters(), Lr, Beta1, Beta2);
            adamD = torch.optim.Adam(d.parameters(), Lr, Beta1, Beta2);
        }
    }

    public IEnumerable<Parameter> Parameters => g.parameters().Concat(d.parameters());

    /// <summary>One D update and one G update, metrics summed on the device: GanTrainer.StepNoSync's order of ops.</summary>
    public void Step(Tensor xReal)
    {
        using var scope = torch.NewDisposeScope();
        long b = xReal.shape[0];
        ZeroGrad(d, adamD, flatD);
        Tensor xFake;
        using (torch.no_grad()) xFake = g.call(torch.randn([b, latentDim], device: device));
        var dReal = d.call(xReal);
        var dFake = d.call(xFake);
        var lossD = GanLoss.DiscriminatorBce(dReal, dFake);
        lossD.backward();
        Update(adamD, flatD);
        ZeroGrad(g, adamG, flatG);
        var lossG = GanLoss.GeneratorNonSaturating(d.call(g.call(torch.randn([b, latentDim], device: device))));
        lossG.backward();
        Update(adamG, flatG);
        var zero = torch.zeros_like(lossD);
        var m = torch.stack([lossD, lossG, torch.sigmoid(dReal).mean(), torch.sigmoid(dFake).mean(), zero, zero]).detach();
        if (sums is null) sums = m.clone().DetachFromDisposeScope();
        else sums.add_(m);
    }

    void ZeroGrad(nn.Module net, OptimizerHelper? adam, FlatParameters? flat)
    {
        if (flat is not null) flat.ZeroGrad();
        else if (mode == Experiments.Mode.SetToNone) net.zero_grad(set_to_none: true);
        else adam!.zero_grad();
    }

    static void Update(OptimizerHelper? adam, FlatParameters? flat)
    {
        if (flat is not null) flat.AdamStep(Lr, Beta1, Beta2, Eps);
        else adam!.step();
    }

    public void Dispose()
    {
        sums?.Dispose();
        adamG?.Dispose();
        adamD?.Dispose();
        flatG?.Dispose();
        flatD?.Dispose();
        g.Dispose();
        d.Dispose();
    }

    /// <summary>
    /// A network's parameters re-seated as views into one flat buffer, and its gradients as views into another,
    /// so that zero_grad, Adam (and weight clipping) are a handful of ops on two long tensors. Autograd accumulates
    /// into an existing .grad in place, so the gradient views stay views.
    /// </summary>
    sealed class FlatParameters : IDisposable
    {
        readonly Tensor data, grad, m, v;
        int t;

        public FlatParameters(nn.Module net, Device device)
        {
            var ps = net.parameters().ToArray();
            long total = ps.Sum(p => p.numel());
            data = torch.zeros(total, device: device);
            grad = torch.zeros(total, device: device);
            m = torch.zeros(total, device: device);
            v = torch.zeros(total, device: device);
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            long offset = 0;
            foreach (var p in ps)
            {
                long n = p.numel();
                var slot = data.narrow(0, offset, n).view(p.shape);
                slot.copy_(p);
                p.set_(slot);                                // the parameter now lives in data[offset, offset + n)
                p.grad = grad.narrow(0, offset, n).view(p.shape);
                offset += n;
            }
        }

        public void ZeroGrad() => grad.zero_();

        /// <summary>PyTorch's Adam (no weight decay, no amsgrad), as TorchSharp's Adam computes it, on the flat buffers.</summary>
        public void AdamStep(double lr, double beta1, double beta2, double eps)
        {
            t++;
            double bc1 = 1 - Math.Pow(beta1, t), bc2 = 1 - Math.Pow(beta2, t);
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            m.mul_(beta1).add_(grad, alpha: 1 - beta1);
            v.mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);
            var denom = (v.sqrt() / Math.Sqrt(bc2)).add_(eps);
            data.addcdiv_(m, denom, value: -lr / bc1);
        }

        public void Dispose()
        {
            data.Dispose();
            grad.Dispose();
            m.Dispose();
            v.Dispose();
        }
    }
}
