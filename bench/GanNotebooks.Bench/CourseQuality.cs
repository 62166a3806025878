using GanNotebooks.Data;
using GanNotebooks.Metrics;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// What <see cref="Curve"/> and <see cref="CourseAdd"/> score against: Fashion-MNIST's training and test splits and the
/// course's <see cref="QualityCheck"/> on the shipped classifier (never trained here: its weights must be stored).
/// </summary>
internal sealed class CourseQuality : IDisposable
{
    CourseQuality(ImageDataset train, ImageDataset test, QualityCheck check) => (Train, Test, Check) = (train, test, check);

    public ImageDataset Train { get; }

    public ImageDataset Test { get; }

    public QualityCheck Check { get; }

    public static CourseQuality Open(Device device, int samples = QualityBar.Samples)
    {
        var train = Datasets.Load("fashion-mnist", new DatasetOptions(Device: device));
        var test = Datasets.Load("fashion-mnist", new DatasetOptions(Train: false, Device: device));
        var classifier = FeatureClassifierStore.Load("fashion-mnist", device, new ClassifierLoadOptions(AllowTraining: false));
        return new CourseQuality(train, test, QualityCheck.Create(classifier, test.Images, train.Images, samples));
    }

    public void Dispose()
    {
        Check.Dispose();
        Test.Dispose();
        Train.Dispose();
    }
}
