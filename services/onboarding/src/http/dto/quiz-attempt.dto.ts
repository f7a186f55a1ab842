import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class AnswerDto {
  @IsString() @MaxLength(40) questionId!: string;
  @IsInt() @Min(0) @Max(9) choice!: number;
}

export class QuizAttemptDto {
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => AnswerDto) answers!: AnswerDto[];
}
