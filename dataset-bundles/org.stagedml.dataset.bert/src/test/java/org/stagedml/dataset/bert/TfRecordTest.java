package org.stagedml.dataset.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordTest {
    @TempDir
    Path dir;

    @Test
    void maskedCrcMatchesTensorFlowsDefinition() {
        // crc32c("123456789") = 0xE3069283 (the standard check value); TF masks as rotr15 + 0xa282ead8
        int crc = 0xE3069283;
        int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
        assertEquals(masked, TfRecordWriter.maskedCrc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
        assertEquals(0xa282ead8, TfRecordWriter.maskedCrc32c(new byte[0], 0, 0));
    }

    @Test
    void framesARecordAsTensorFlowDoes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TfRecordWriter w = new TfRecordWriter(bytes)) {
            w.write("abc".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] b = bytes.toByteArray();
        assertEquals(8 + 4 + 3 + 4, b.length);
        // little-endian uint64 length 3
        assertEquals("0300000000000000", HexFormat.of().formatHex(b, 0, 8));
        assertEquals("abc", new String(b, 12, 3, StandardCharsets.US_ASCII));
        // CRCs as computed independently from the masking rule above
        int lengthCrc = TfRecordWriter.maskedCrc32c(b, 0, 8);
        assertEquals(lengthCrc, (b[8] & 0xff) | (b[9] & 0xff) << 8 | (b[10] & 0xff) << 16 | (b[11] & 0xff) << 24);
    }

    @Test
    void roundTripsRecordsOfAnySize() throws IOException {
        Path f = dir.resolve("x.tfrecord");
        List<byte[]> records = List.of(new byte[0], "one".getBytes(StandardCharsets.UTF_8), new byte[100_000]);
        records.get(2)[99_999] = 42;
        try (TfRecordWriter w = new TfRecordWriter(f)) {
            for (byte[] r : records) {
                w.write(r);
            }
            assertEquals(3, w.records());
        }
        try (TfRecordReader r = new TfRecordReader(f)) {
            List<byte[]> back = r.readAll();
            assertEquals(3, back.size());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(records.get(i), back.get(i));
            }
            assertNull(r.next());
        }
    }

    @Test
    void detectsCorruptionAndTruncation() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TfRecordWriter w = new TfRecordWriter(bytes)) {
            w.write("first".getBytes(StandardCharsets.US_ASCII));
            w.write("second".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] good = bytes.toByteArray();
        byte[] flipped = good.clone();
        flipped[good.length - 6] ^= 1; // a data byte of the second record
        IOException e = assertThrows(IOException.class, () -> readAll(flipped));
        assertTrue(e.getMessage().contains("record 1") && e.getMessage().contains("data CRC"), e.getMessage());
        byte[] lengthFlipped = good.clone();
        lengthFlipped[0] ^= 4;
        assertTrue(assertThrows(IOException.class, () -> readAll(lengthFlipped)).getMessage().contains("length CRC"));
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
        assertTrue(assertThrows(IOException.class, () -> readAll(cut)).getMessage().contains("truncated"));
        Files.write(dir.resolve("x"), good);
        assertEquals(2, new TfRecordReader(dir.resolve("x")).readAll().size());
    }

    private static List<byte[]> readAll(byte[] b) throws IOException {
        try (TfRecordReader r = new TfRecordReader(new ByteArrayInputStream(b), "test")) {
            return r.readAll();
        }
    }
}
