package org.stagedml.model.convnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.engine.Engine;
import org.stagedml.api.predict.BatchPredictor;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.PredictorProvider;
import org.stagedml.api.predict.TrainedModel;

/**
 * Predictions of {@code convnet} and {@code convnet-mnist} realizations: image files are read
 * (PNG/JPEG), turned grey or RGB as the model was trained and scaled to the training images' size, as
 * image-folder does, and classified by the saved model; the labels are the dataset's class names.
 */
@Component(service = PredictorProvider.class)
public class ConvNetPredictors implements PredictorProvider {
    @Activate
    public ConvNetPredictors(@Reference(name = "engine", target = Engine.TENSORFLOW_TARGET) Engine engine) {
        // the reference orders activation after the TensorFlow engine
    }

    ConvNetPredictors() {
    }

    @Override
    public Set<String> stages() {
        return Set.of(ConvNetStage.NAME, ConvNetMnistStage.NAME);
    }

    @Override
    public Predictor open(TrainedModel model) throws IOException {
        boolean general = model.stage().equals(ConvNetStage.NAME);
        Path data = model.dependencies().get(general ? ConvNetStage.DATA : ConvNetMnistStage.DATA);
        if (data == null) {
            throw new StagedmlException("the dataset realization " + model.rref() + " was trained on is not in the store;"
                    + " its class names and image size come from it");
        }
        JsonNode info = Json.mapper().readTree(data.resolve("dataset.json").toFile());
        List<String> names = ClassNames.of(data, general ? "" : model.config().getString("variant"));
        int rows = info.path("rows").asInt(28);
        int cols = info.path("cols").asInt(28);
        LeNetModel net = LeNetModel.load(model.path().resolve("model.zip"), Runtime.getRuntime().availableProcessors());
        return new ImagePredictor(net, names.subList(0, Math.min(names.size(), net.classes())), rows, cols, net.channels());
    }

    /** A loaded ConvNet classifying image files. */
    static final class ImagePredictor extends BatchPredictor {
        private final LeNetModel net;
        private final int rows;
        private final int cols;
        private final int channels;

        ImagePredictor(LeNetModel net, List<String> labels, int rows, int cols, int channels) {
            super("convnet", InputKind.IMAGE, labels, 256);
            this.net = net;
            this.rows = rows;
            this.cols = cols;
            this.channels = channels;
        }

        @Override
        protected float[][] probabilities(List<PredictionInput> inputs) {
            int per = rows * cols * channels;
            byte[] pixels = new byte[inputs.size() * per];
            for (int i = 0; i < inputs.size(); i++) {
                byte[] p = pixels(inputs.get(i).image(), rows, cols, channels);
                System.arraycopy(p, 0, pixels, i * per, p.length);
            }
            IdxImages images = new IdxImages(inputs.size(), rows, cols, channels, pixels, new int[inputs.size()]);
            try (ImageBatch b = ImageBatch.of(images, null, 0, images.count())) {
                return net.probabilities(b);
            }
        }

        @Override
        public void close() {
            net.close();
        }
    }

    /**
     * The image scaled bilinearly to rows x cols as image-folder scales it: one grey byte per pixel, or
     * R, G, B per pixel for three channels.
     */
    static byte[] pixels(Path file, int rows, int cols, int channels) {
        BufferedImage img;
        try {
            img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException | RuntimeException e) {
            img = null;
        }
        if (img == null) {
            throw new StagedmlException(file + ": not a readable PNG or JPEG image");
        }
        BufferedImage scaled = new BufferedImage(cols, rows, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, cols, rows, null);
        } finally {
            g.dispose();
        }
        byte[] out = new byte[rows * cols * channels];
        if (channels == 1) {
            scaled.getRaster().getDataElements(0, 0, cols, rows, out);
            return out;
        }
        int i = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int rgb = scaled.getRGB(x, y);
                out[i++] = (byte) (rgb >> 16);
                out[i++] = (byte) (rgb >> 8);
                out[i++] = (byte) rgb;
            }
        }
        return out;
    }
}
