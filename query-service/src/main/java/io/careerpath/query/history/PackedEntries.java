package io.careerpath.query.history;

import java.nio.ByteBuffer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;

/**
 * How a history's entries are stored: each entry's document (its {@link HistoryEntry} fields and the
 * event store's id) packed into one BSON binary under {@code entries.<sequence>}. The read model's store
 * pays per value it keeps: mongo-java-server's H2 backend serializes and deserializes every field of
 * every document it writes or reads, so a history of nine events was about a hundred values to read and
 * is now nine (a board's 200 histories fetched and decoded with about a third less CPU:
 * docs/performance.md). The entries still commute (one field per sequence number, as before), so the
 * projection's unordered writes stay exactly as safe.
 *
 * <p>Read back with {@link #unpack}, which also accepts the unpacked entry documents of layouts up to 3
 * (a generation written before, answering queries until its rebuild at start-up has replaced it).
 */
public final class PackedEntries {

    private static final DocumentCodec CODEC = new DocumentCodec();
    private static final EncoderContext ENCODE = EncoderContext.builder().build();
    private static final DecoderContext DECODE = DecoderContext.builder().build();

    private PackedEntries() {
    }

    /** The entry's document as the read model stores it. */
    public static Binary pack(Document entry) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(256);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, entry, ENCODE);
        }
        return new Binary(buffer.toByteArray());
    }

    /** A stored entry's document: packed by {@link #pack}, or as layouts up to 3 stored it. */
    public static Document unpack(Object stored) {
        if (stored instanceof Document document) {
            return document;
        }
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(((Binary) stored).getData()))) {
            return CODEC.decode(reader, DECODE);
        }
    }
}
