package org.stagedml.dataset.owndata.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.stagedml.api.StagedmlException;

/** Finds the class folders and images of an image folder, and turns an image into size x size pixels. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Whether a file name is a PNG or JPEG image by its extension. */
    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /**
     * The class folders of a root, sorted by name; a root holding a single folder and no images (an
     * unpacked archive's top folder) is looked into.
     */
    static List<Path> classFolders(Path root) throws IOException {
        List<Path> dirs = children(root, true);
        if (dirs.size() == 1 && children(root, false).stream().noneMatch(ImageFiles::isImage)
                && !children(dirs.get(0), true).isEmpty()) {
            return classFolders(dirs.get(0));
        }
        if (dirs.size() < 2) {
            throw new StagedmlException(root + " holds " + dirs.size() + " class folder" + (dirs.size() == 1 ? "" : "s")
                    + "; give a folder with one subfolder per class (at least two), each holding PNG or JPEG images");
        }
        return dirs;
    }

    /** The images of a class folder (PNG/JPEG, any depth), sorted. */
    static List<Path> images(Path classFolder) throws IOException {
        try (Stream<Path> s = Files.walk(classFolder)) {
            return s.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
        }
    }

    private static List<Path> children(Path dir, boolean folders) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> folders == Files.isDirectory(p))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /**
     * The image's pixels scaled to size x size (bilinear), as bytes row by row: one grey byte per pixel
     * for one channel, R, G, B for three.
     */
    public static byte[] pixels(Path file, int size, int channels) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new StagedmlException(file + ": not a readable PNG or JPEG image (" + e.getMessage() + ")");
        }
        if (img == null) {
            throw new StagedmlException(file + ": not a readable PNG or JPEG image");
        }
        return pixels(img, size, channels);
    }

    static byte[] pixels(BufferedImage img, int size, int channels) {
        BufferedImage scaled = new BufferedImage(size, size,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        byte[] out = new byte[size * size * channels];
        if (channels == 1) {
            scaled.getRaster().getDataElements(0, 0, size, size, out);
        } else {
            int i = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int rgb = scaled.getRGB(x, y);
                    out[i++] = (byte) (rgb >> 16);
                    out[i++] = (byte) (rgb >> 8);
                    out[i++] = (byte) rgb;
                }
            }
        }
        return out;
    }

    /** Writes images as IDX: idx3 (count, rows, cols) for one channel, idx4 (count, rows, cols, channels) else. */
    static void writeIdx(Path images, Path labels, List<byte[]> pixels, List<Integer> classes, int size, int channels)
            throws IOException {
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(images), 1 << 16))) {
            out.writeInt(channels == 1 ? 0x00000803 : 0x00000804);
            out.writeInt(pixels.size());
            out.writeInt(size);
            out.writeInt(size);
            if (channels != 1) {
                out.writeInt(channels);
            }
            for (byte[] p : pixels) {
                out.write(p);
            }
        }
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(labels)))) {
            out.writeInt(0x00000801);
            out.writeInt(classes.size());
            for (int c : classes) {
                out.writeByte(c);
            }
        }
    }

}
