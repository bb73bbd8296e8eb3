package io.careerpath.pipeline.upcasting;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.careerpath.events.DeliveryResponsibility;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads {@code deliveryResponsibility} from an API request: {@code "NONE"}, {@code "PARTIAL"} or
 * {@code "FULL"}, and, deprecated, the boolean that {@code JOINED_PMO} revision 1 took ({@code true} is
 * {@code FULL}, {@code false} is {@code NONE}, as {@link DeliveryResponsibilities#ofRevision1} says).
 * Anything else, another text, a number or an object, is an {@link InvalidFormatException} on the enum,
 * which the services' problem details turn into a 400 listing the allowed values. Use it on a request
 * field with {@code @JsonDeserialize(using = DeliveryResponsibilityJson.class)}, documented with
 * {@code @Schema(implementation = DeliveryResponsibilityJson.Documented.class)}.
 */
public final class DeliveryResponsibilityJson extends StdScalarDeserializer<DeliveryResponsibility> {

    public DeliveryResponsibilityJson() {
        super(DeliveryResponsibility.class);
    }

    /** The field in the OpenAPI documents: the values, or the deprecated boolean. */
    @Schema(name = "DeliveryResponsibilityInput", oneOf = {Documented.Values.class, Documented.DeprecatedFlag.class})
    public interface Documented {

        @Schema(type = "string", allowableValues = {"NONE", "PARTIAL", "FULL"}, defaultValue = "NONE",
                example = "PARTIAL", description = "How much of the delivery of projects the PMO role answers for:"
                + " NONE (a staff role), PARTIAL (shares it: some of the projects, or jointly with their managers)"
                + " or FULL (the project managers report into the PMO). Default NONE.")
        interface Values {
        }

        @Schema(type = "boolean", deprecated = true, description = "Deprecated: the former yes/no form, still"
                + " accepted for now. true is read as FULL, false as NONE; send NONE, PARTIAL or FULL instead.")
        interface DeprecatedFlag {
        }
    }

    @Override
    public DeliveryResponsibility deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return DeliveryResponsibilities.ofRevision1(token == JsonToken.VALUE_TRUE);
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            for (DeliveryResponsibility value : DeliveryResponsibility.values()) {
                if (value.name().equals(text)) {
                    return value;
                }
            }
        }
        // not echoed: the value may be anything, of any length
        throw InvalidFormatException.from(parser, "deliveryResponsibility must be one of "
                + Arrays.toString(DeliveryResponsibility.values()), null, DeliveryResponsibility.class);
    }
}
